package dev.ferry;

import dev.ferry.cli.FerryCommand;

/** Entry point of the {@code ferry} command. */
public final class Ferry {
  private Ferry() {}

  public static void main(String[] args) {
    System.exit(FerryCommand.runProcess(args));
  }
}
