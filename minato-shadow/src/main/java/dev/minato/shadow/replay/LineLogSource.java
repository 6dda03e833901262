package dev.minato.shadow.replay;

import dev.minato.logs.read.LineInput;
import dev.minato.logs.read.LineParser;
import dev.minato.logs.read.Reading;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * An access log of one request per line, read by one of minato-logs' parsers and turned into
 * requests. A line the parser refuses, or that holds no request, is a {@link Malformed} with its
 * number and column; bytes that are not UTF-8 are replaced, not fatal, as logs carry client bytes.
 */
final class LineLogSource implements RequestSource {

  private final Path file;
  private final LineParser parser;
  private final EventRequests requests;

  LineLogSource(Path file, LineParser parser, EventRequests requests) {
    this.file = file;
    this.parser = parser;
    this.requests = requests;
  }

  @Override
  public void read(Reader reader) throws IOException {
    try (InputStream bytes = Files.newInputStream(file)) {
      LineInput in = new LineInput(bytes);
      long number = 0;
      String line;
      while ((line = in.next()) != null) {
        number++;
        if (line.isBlank()) {
          continue;
        }
        Reading reading = parser.parse(line);
        if (reading instanceof Reading.Problem problem) {
          reader.malformed(new Malformed(number, problem.describe()));
        } else {
          EventRequests.Result result =
              requests.request(number, ((Reading.Parsed) reading).event());
          if (result.request() != null) {
            reader.request(result.request());
          } else {
            reader.malformed(new Malformed(number, result.problem()));
          }
        }
      }
    }
  }
}
