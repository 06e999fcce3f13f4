/**
 * The emulator's Aerospike expression evaluator (spec sections 6.1 to 6.3).
 *
 * <p>{@link io.aeroshift.emulator.exp.FilterExpression} is the entry point: parse the msgpack of a
 * FILTER_EXP field (or of an EXP_READ op) once per request, then evaluate it per record through
 * {@link io.aeroshift.emulator.exp.ExpRecord}. The compiler reproduces the server's build-time
 * checks (argument counts, operand types, regex compilation, filter must be boolean: result code 4)
 * and refuses CDT/bit/HLL calls and geo comparisons with 16. Evaluation follows the server's
 * three-valued logic: a missing bin or a bin of another type is unknown, AND/OR/NOT/EXCLUSIVE
 * propagate unknown as the server does, and a filter matches only on true.
 */
package io.aeroshift.emulator.exp;
