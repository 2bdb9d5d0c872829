package dev.ferry.sandbox.stripe;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;

/** A minimal HTTP client for the tests: GETs with a key, parsed JSON back. */
final class SandboxClient {
  record Response(int status, JsonNode body, HttpResponse<String> raw) {
    String header(String name) {
      return raw.headers().firstValue(name).orElse(null);
    }
  }

  private static final ObjectMapper MAPPER = new ObjectMapper();
  private final HttpClient http = HttpClient.newHttpClient();
  private final String baseUrl;
  private final String authorization;

  SandboxClient(String baseUrl, String key) {
    this.baseUrl = baseUrl;
    this.authorization = key == null ? null : "Bearer " + key;
  }

  SandboxClient(StripeSandbox sandbox) {
    this(sandbox.baseUrl(), sandbox.apiKey());
  }

  Response get(String pathAndQuery) throws IOException, InterruptedException {
    return get(pathAndQuery, authorization);
  }

  Response get(String pathAndQuery, String authorizationHeader) throws IOException, InterruptedException {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + pathAndQuery));
    if (authorizationHeader != null) {
      request.header("Authorization", authorizationHeader);
    }
    HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    return new Response(response.statusCode(), MAPPER.readTree(response.body()), response);
  }

  JsonNode ok(String pathAndQuery) throws IOException, InterruptedException {
    Response response = get(pathAndQuery);
    if (response.status() != 200) {
      throw new AssertionError(pathAndQuery + " → " + response.status() + " " + response.body());
    }
    return response.body();
  }

  /** Walks a list endpoint with starting_after until has_more is false; returns every object. */
  List<JsonNode> walk(String listPath, int limit) throws IOException, InterruptedException {
    List<JsonNode> all = new ArrayList<>();
    String separator = listPath.contains("?") ? "&" : "?";
    String cursor = null;
    while (true) {
      JsonNode page = ok(listPath + separator + "limit=" + limit + (cursor == null ? "" : "&starting_after=" + cursor));
      page.path("data").forEach(all::add);
      if (!page.path("has_more").asBoolean()) {
        return all;
      }
      cursor = page.path("data").get(page.path("data").size() - 1).path("id").asText();
    }
  }
}
