package io.aeroshift.api;

import io.aeroshift.testsupport.RequiresPostgres;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The event stream's cases on PostgreSQL, where the relay learns which transactions may still fill
 * a seq gap from {@code pg_locks} instead of from this process. Shares the profile (one Quarkus
 * start) of {@link PostgresRestartFirstResourceTest}.
 */
@ExtendWith(RequiresPostgres.class)
@QuarkusTest
@TestProfile(PostgresRestartFirstResourceTest.Run.class)
class PostgresEventStreamTest extends EventStreamResourceTest {}
