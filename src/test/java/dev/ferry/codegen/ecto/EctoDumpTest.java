package dev.ferry.codegen.ecto;

import dev.ferry.codegen.GenerationRequest;
import dev.ferry.codegen.activerecord.ActiveRecordTarget;
import dev.ferry.codegen.fixture.Corpora;
import dev.ferry.codegen.fixture.Outputs;
import dev.ferry.relations.RelationModel;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EctoDumpTest {
  @Test
  void dump() {
    for (Corpora.Corpus corpus : Corpora.ALL) {
      String url = Corpora.database(corpus);
      RelationModel model = Corpora.model(url, corpus);
      GenerationRequest request = new GenerationRequest(model, Map.of(), Instant.parse("2026-11-25T12:00:00Z"));
      Outputs.write(Path.of("/tmp/dump/" + corpus.name() + "/ecto"), new EctoTarget().generate(request));
      Outputs.write(Path.of("/tmp/dump/" + corpus.name() + "/ar"), new ActiveRecordTarget().generate(request));
    }
  }
}
