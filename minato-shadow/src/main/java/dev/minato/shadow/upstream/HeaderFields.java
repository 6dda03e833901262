package dev.minato.shadow.upstream;

import dev.minato.shadow.exchange.Header;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.util.AsciiString;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/** Netty's header fields as the exchange records them: in the order received, names as sent. */
public final class HeaderFields {

  private HeaderFields() {}

  public static List<Header> of(HttpHeaders headers) {
    return of(headers, List.of());
  }

  /**
   * The fields as {@link #of(HttpHeaders)} gives them, each one equal in name and value to the
   * field at the same place of {@code likely} being that field itself rather than a copy: a copy's
   * answer mostly carries the primary's fields in the primary's order, and making two strings of
   * each of them was a tenth of the copies' loop's allocation (docs/shadow-performance.md).
   */
  public static List<Header> of(HttpHeaders headers, List<Header> likely) {
    List<Header> list = new ArrayList<>(headers.size());
    Iterator<Map.Entry<CharSequence, CharSequence>> fields = headers.iteratorCharSequence();
    while (fields.hasNext()) {
      Map.Entry<CharSequence, CharSequence> field = fields.next();
      Header same = list.size() < likely.size() ? likely.get(list.size()) : null;
      if (same != null
          && AsciiString.contentEquals(same.name(), field.getKey())
          && AsciiString.contentEquals(same.value(), field.getValue())) {
        list.add(same);
      } else {
        list.add(new Header(field.getKey().toString(), field.getValue().toString()));
      }
    }
    return list;
  }
}
