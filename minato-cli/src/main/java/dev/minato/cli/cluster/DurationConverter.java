package dev.minato.cli.cluster;

import dev.minato.manifest.InvalidValueException;
import dev.minato.manifest.duration.Durations;
import java.time.Duration;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Durations as kubectl writes them ({@code 90s}, {@code 5m}, {@code 1h30m}), for picocli. */
public final class DurationConverter implements ITypeConverter<Duration> {

  @Override
  public Duration convert(String value) {
    try {
      return Durations.parse(value);
    } catch (InvalidValueException e) {
      throw new TypeConversionException(e.getMessage());
    }
  }
}
