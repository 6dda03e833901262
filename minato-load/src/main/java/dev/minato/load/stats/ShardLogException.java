package dev.minato.load.stats;

/** A shard log that cannot be read or does not fit with the others; the message says which. */
public final class ShardLogException extends Exception {

  public ShardLogException(String message) {
    super(message);
  }
}
