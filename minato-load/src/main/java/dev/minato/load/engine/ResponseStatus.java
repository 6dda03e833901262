package dev.minato.load.engine;

import io.netty.handler.codec.EmptyHeaders;
import io.netty.handler.codec.http2.Http2Headers;
import io.netty.util.AsciiString;
import java.util.Collections;
import java.util.Iterator;
import java.util.Map;

/**
 * A response's headers as the generator needs them: only {@code :status} ({@link
 * ResponseHeaderDecoder} reads every header block but keeps nothing else). The full header map
 * Netty builds by default (an entry, a hash and a copy per header) was a visible share of the event
 * loop's time, for headers nothing read. One instance per connection, reused for each header block:
 * the codec hands it to the frame listener and lets go of it before the next block is decoded.
 */
final class ResponseStatus extends EmptyHeaders<CharSequence, CharSequence, Http2Headers>
    implements Http2Headers {

  private static final AsciiString STATUS = PseudoHeaderName.STATUS.value();

  private CharSequence status;

  /** Forgets the status, for the next header block. */
  void reset() {
    status = null;
  }

  @Override
  public Http2Headers add(CharSequence name, CharSequence value) {
    if (STATUS.contentEquals(name)) {
      status = value;
    }
    return this;
  }

  @Override
  public CharSequence status() {
    return status;
  }

  @Override
  public Http2Headers status(CharSequence value) {
    status = value;
    return this;
  }

  @Override
  public CharSequence get(CharSequence name) {
    return STATUS.contentEquals(name) ? status : null;
  }

  @Override
  public boolean contains(CharSequence name) {
    return STATUS.contentEquals(name) && status != null;
  }

  @Override
  public int size() {
    return status == null ? 0 : 1;
  }

  @Override
  public boolean isEmpty() {
    return status == null;
  }

  @Override
  public Iterator<Map.Entry<CharSequence, CharSequence>> iterator() {
    return status == null
        ? Collections.emptyIterator()
        : Collections.<CharSequence, CharSequence>singletonMap(STATUS, status)
            .entrySet()
            .iterator();
  }

  @Override
  public Iterator<CharSequence> valueIterator(CharSequence name) {
    return contains(name)
        ? Collections.<CharSequence>singletonList(status).iterator()
        : Collections.emptyIterator();
  }

  /** Dropped, as {@link #add} drops every header but {@code :status}. */
  @Override
  public Http2Headers method(CharSequence value) {
    return this;
  }

  @Override
  public Http2Headers scheme(CharSequence value) {
    return this;
  }

  @Override
  public Http2Headers authority(CharSequence value) {
    return this;
  }

  @Override
  public Http2Headers path(CharSequence value) {
    return this;
  }

  @Override
  public CharSequence method() {
    return null;
  }

  @Override
  public CharSequence scheme() {
    return null;
  }

  @Override
  public CharSequence authority() {
    return null;
  }

  @Override
  public CharSequence path() {
    return null;
  }

  @Override
  public boolean contains(CharSequence name, CharSequence value, boolean caseInsensitive) {
    return contains(name)
        && (caseInsensitive
            ? AsciiString.contentEqualsIgnoreCase(status, value)
            : AsciiString.contentEquals(status, value));
  }
}
