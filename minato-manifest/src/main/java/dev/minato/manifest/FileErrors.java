package dev.minato.manifest;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;

/**
 * Why a file could not be read or written, in words for the user: the JDK's file exceptions often
 * carry only the path as their message ({@code NoSuchFileException: order.json}).
 */
public final class FileErrors {

  private FileErrors() {}

  /** {@code no such file}, {@code permission denied}, the system's reason, or the message. */
  public static String reason(IOException e) {
    if (e instanceof NoSuchFileException) {
      return "no such file";
    }
    if (e instanceof AccessDeniedException) {
      return "permission denied";
    }
    if (e instanceof FileSystemException f && f.getReason() != null) {
      return f.getReason();
    }
    return e.getMessage();
  }
}
