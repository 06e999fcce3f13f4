package io.aeroshift.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.aeroshift.provisioning.CrdSchemaValidator;
import io.aeroshift.provisioning.ServerConfigValidator;
import io.aeroshift.provisioning.crd.AerospikeCluster;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.fabric8.mockwebserver.dsl.HttpMethod;
import io.fabric8.mockwebserver.http.Buffer;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;

/**
 * fabric8's mock API server in CRUD mode with the AKO CRD installed, plus admission: creates,
 * updates and patches of AerospikeClusters pass {@link SimulatedAkoOperator#admit} first and are
 * refused with 403 and AKO's message, as a real API server with AKO's webhooks would. JSON merge
 * patches of AerospikeClusters are applied per RFC 7386 here (arrays replaced), because the mock's
 * own merge appends to arrays, which no real API server does.
 */
public final class AkoMockServer implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();
  public final KubernetesMockServer server;
  public final KubernetesClient client;
  /** Patches still to answer with 409 Conflict, as an API server does when another writer got in first. */
  public final java.util.concurrent.atomic.AtomicInteger conflictsToInject = new java.util.concurrent.atomic.AtomicInteger();

  /** On a free port of localhost. */
  public AkoMockServer() {
    this(null, 0);
  }

  /** On {@code address:port} (port 0: a free one); a null address is localhost. */
  public AkoMockServer(java.net.InetAddress address, int port) {
    // load and compile the CRD schema before the server's event loop needs it
    CrdSchemaValidator.validate(JSON.createObjectNode());
    io.aeroshift.planning.TargetImage.SUPPORTED_SCHEMAS.forEach(v -> ServerConfigValidator.validate(Map.of(), v));
    server = new KubernetesMockServer(new Context(), new MockWebServer(), new HashMap<>(), new AdmittingDispatcher(conflictsToInject),
        false);
    if (address == null) {
      server.init();
    } else {
      server.init(address, port);
    }
    client = server.createClient();
    try (InputStream in = getClass().getResourceAsStream(CrdSchemaValidator.CRD_RESOURCE)) {
      CustomResourceDefinition crd = client.apiextensions().v1().customResourceDefinitions().load(in).item();
      client.apiextensions().v1().customResourceDefinitions().resource(crd).create();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  @Override
  public void close() {
    client.close();
    server.destroy();
  }

  private static final class AdmittingDispatcher extends KubernetesCrudDispatcher {
    private final java.util.concurrent.atomic.AtomicInteger conflictsToInject;

    AdmittingDispatcher(java.util.concurrent.atomic.AtomicInteger conflictsToInject) {
      this.conflictsToInject = conflictsToInject;
    }

    @Override
    public MockResponse handleCreate(RecordedRequest request) {
      if (guarded(request.getPath())) {
        Optional<String> denied = admit(body(request));
        if (denied.isPresent()) {
          return forbidden(denied.get());
        }
      }
      return super.handleCreate(request);
    }

    @Override
    public MockResponse handleUpdate(RecordedRequest request) {
      if (guarded(request.getPath())) {
        Optional<String> denied = admit(body(request));
        if (denied.isPresent()) {
          return forbidden(denied.get());
        }
      }
      return super.handleUpdate(request);
    }

    @Override
    public MockResponse handlePatch(RecordedRequest request) {
      if (guarded(request.getPath()) && conflictsToInject.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
        return status(409, "Conflict", "Operation cannot be fulfilled on aerospikeclusters.asdb.aerospike.com: "
            + "the object has been modified; please apply your changes to the latest version and try again");
      }
      if (guarded(request.getPath()) && String.valueOf(request.getHeader("Content-Type")).contains("merge-patch")) {
        MockResponse current = handleGet(request.getPath());
        if (current.getBody() != null && current.getBody().size() > 0) {
          try {
            JsonNode merged = mergePatch(JSON.readTree(new String(current.getBody().getBytes(), StandardCharsets.UTF_8)),
                JSON.readTree(body(request)));
            Optional<String> denied = admit(merged.toString());
            if (denied.isPresent()) {
              return forbidden(denied.get());
            }
            // the mock's own merge concatenates arrays; a real API server replaces them (RFC 7386),
            // so store the RFC result as an update (resourceVersion from the patch still guards it)
            return super.handleUpdate(new RecordedRequest(request.getHttpVersion(), HttpMethod.PUT,
                request.getPath(), request.getHeaders(), new Buffer(merged.toString().getBytes(StandardCharsets.UTF_8))));
          } catch (java.io.IOException e) {
            return forbidden("unreadable patch: " + e.getMessage());
          }
        }
      }
      return super.handlePatch(request);
    }

    /** Reads the body without consuming it: the CRUD dispatcher reads it again. */
    private static String body(RecordedRequest request) {
      return new String(request.getBody().getBytes(), StandardCharsets.UTF_8);
    }

    private static boolean guarded(String path) {
      String p = path.contains("?") ? path.substring(0, path.indexOf('?')) : path;
      return p.contains("/aerospikeclusters") && !p.endsWith("/status");
    }

    private static Optional<String> admit(String body) {
      try {
        return SimulatedAkoOperator.admit(JSON.readValue(body, AerospikeCluster.class));
      } catch (java.io.IOException e) {
        return Optional.of("cannot decode AerospikeCluster: " + e.getMessage());
      }
    }

    private static MockResponse forbidden(String message) {
      return status(403, "Forbidden", message);
    }

    private static MockResponse status(int code, String reason, String message) {
      ObjectNode status = JSON.createObjectNode();
      status.put("apiVersion", "v1").put("kind", "Status").put("status", "Failure").put("message", message)
          .put("reason", reason).put("code", code);
      return new MockResponse().setResponseCode(code).setBody(status.toString());
    }

    /** RFC 7386 JSON merge patch. */
    private static JsonNode mergePatch(JsonNode target, JsonNode patch) {
      if (!patch.isObject()) {
        return patch;
      }
      ObjectNode result = target != null && target.isObject() ? ((ObjectNode) target).deepCopy() : JSON.createObjectNode();
      for (Iterator<Map.Entry<String, JsonNode>> it = patch.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        if (e.getValue().isNull()) {
          result.remove(e.getKey());
        } else {
          result.set(e.getKey(), mergePatch(result.get(e.getKey()), e.getValue()));
        }
      }
      return result;
    }
  }
}
