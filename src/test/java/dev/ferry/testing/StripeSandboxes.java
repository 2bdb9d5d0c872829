package dev.ferry.testing;

import dev.ferry.sandbox.stripe.SandboxData;
import dev.ferry.sandbox.stripe.StripeSandbox;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/** Starts local Stripe sandboxes for a test ({@code @RegisterExtension}) and stops them after it, passed or not. */
public final class StripeSandboxes implements AfterEachCallback {
  private final List<StripeSandbox> started = new ArrayList<>();

  public StripeSandbox start(SandboxData data) throws IOException {
    StripeSandbox sandbox = new StripeSandbox(data).start();
    started.add(sandbox);
    return sandbox;
  }

  @Override
  public void afterEach(ExtensionContext context) {
    started.forEach(StripeSandbox::close);
    started.clear();
  }
}
