package io.carotene.test.server;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.carotene.test.server.TestServer.HttpResult;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/** A test server's HTTP exchanges: a request sent, its answer read as JSON when it is JSON. */
final class TestHttp {
  private TestHttp() {}

  static HttpResult send(HttpClient http, HttpRequest.Builder request) {
    try {
      HttpResponse<String> response = http.send(request.timeout(TestServer.TIMEOUT).build(), HttpResponse.BodyHandlers.ofString());
      JsonNode body = null;
      if (!response.body().isEmpty()) {
        try {
          body = TestServer.JSON.readTree(response.body());
        } catch (JsonProcessingException notJson) {
          body = null; // an HTML page, say: the text is still there
        }
      }
      return new HttpResult(response.statusCode(), body, response.body());
    } catch (IOException e) {
      throw new AssertionError("The HTTP request failed", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("Interrupted", e);
    }
  }
}
