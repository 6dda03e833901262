package dev.minato.shadow.upstream;

import dev.minato.shadow.exchange.Header;
import io.netty.handler.codec.http.HttpHeaders;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/** Netty's header fields as the exchange records them: in the order received, names as sent. */
public final class HeaderFields {

  private HeaderFields() {}

  public static List<Header> of(HttpHeaders headers) {
    List<Header> list = new ArrayList<>(headers.size());
    Iterator<Map.Entry<String, String>> fields = headers.iteratorAsString();
    while (fields.hasNext()) {
      Map.Entry<String, String> field = fields.next();
      list.add(new Header(field.getKey(), field.getValue()));
    }
    return list;
  }
}
