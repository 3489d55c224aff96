// A stand-in for LanguageTool's server class, packed as languagetool-server.jar by the tests to stand
// for a local install: it answers /v2/healthcheck, /v2/languages and /v2/check in LanguageTool's JSON,
// reporting every "teh" as a spelling mistake (offsets in UTF-16 units, as Java counts them).
package org.languagetool.server;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;

public class HTTPServer {
  public static void main(String[] args) throws IOException {
    int port = 8081;
    for (int i = 0; i < args.length - 1; i++) {
      if (args[i].equals("-p") || args[i].equals("--port")) port = Integer.parseInt(args[i + 1]);
    }
    HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
    server.createContext("/v2/healthcheck", ex -> send(ex, "OK"));
    server.createContext("/v2/languages", ex -> send(ex,
        "[{\"name\":\"English (US)\",\"code\":\"en\",\"longCode\":\"en-US\"},{\"name\":\"French\",\"code\":\"fr\",\"longCode\":\"fr\"}]"));
    server.createContext("/v2/check", HTTPServer::check);
    server.start();
  }

  static void check(HttpExchange ex) throws IOException {
    String body = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
    String text = "";
    for (String pair : body.split("&")) {
      if (pair.startsWith("text=")) text = URLDecoder.decode(pair.substring(5), StandardCharsets.UTF_8);
    }
    StringBuilder out = new StringBuilder("{\"software\":{\"name\":\"LanguageTool\",\"version\":\"6.4\",\"apiVersion\":1},"
        + "\"language\":{\"name\":\"English (US)\",\"code\":\"en-US\"},\"matches\":[");
    int at = text.indexOf("teh");
    String sep = "";
    while (at >= 0) {
      out.append(sep).append("{\"message\":\"Possible spelling mistake found.\",\"replacements\":[{\"value\":\"the\"}],")
         .append("\"offset\":").append(at).append(",\"length\":3,\"context\":{\"text\":\"\",\"offset\":0,\"length\":3},")
         .append("\"rule\":{\"id\":\"MORFOLOGIK_RULE_EN_US\",\"description\":\"Possible spelling mistake\",")
         .append("\"issueType\":\"misspelling\",\"category\":{\"id\":\"TYPOS\",\"name\":\"Possible Typo\"}}}");
      sep = ",";
      at = text.indexOf("teh", at + 3);
    }
    send(ex, out.append("]}").toString());
  }

  static void send(HttpExchange ex, String body) throws IOException {
    byte[] data = body.getBytes(StandardCharsets.UTF_8);
    ex.getResponseHeaders().set("Content-Type", "application/json");
    ex.sendResponseHeaders(200, data.length);
    try (OutputStream os = ex.getResponseBody()) {
      os.write(data);
    }
  }
}
