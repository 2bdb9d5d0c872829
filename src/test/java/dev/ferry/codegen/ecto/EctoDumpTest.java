package dev.ferry.codegen.ecto;

import dev.ferry.codegen.GenerationRequest;
import dev.ferry.codegen.activerecord.ActiveRecordTarget;
import dev.ferry.codegen.fixture.EctoArFixture;
import dev.ferry.codegen.fixture.FixtureModels;
import dev.ferry.codegen.fixture.Outputs;
import dev.ferry.relations.RelationModel;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EctoDumpTest {
  @Test
  void dump() {
    String url = EctoArFixture.database("dump", true);
    RelationModel model = EctoArFixture.model(url);
    GenerationRequest request = new GenerationRequest(model, Map.of(), Instant.parse("2026-11-25T12:00:00Z"));
    Outputs.write(Path.of("/tmp/ecto-out"), new EctoTarget(m -> FixtureModels.name(m, "elixir")).generate(request));
    Outputs.write(Path.of("/tmp/ar-out"), new ActiveRecordTarget(m -> FixtureModels.name(m, "ruby")).generate(request));
    System.out.println(url);
  }
}
