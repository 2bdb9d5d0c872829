package dev.ferry.codegen;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ferry.codegen.FileEmitter.Outcome;
import dev.ferry.codegen.FileEmitter.Status;
import dev.ferry.codegen.GeneratedFile.Ownership;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileEmitterTest {
  @TempDir Path out;

  @Test
  void ferry_owned_files_are_created_then_rewritten_whole() throws Exception {
    FileEmitter emitter = new FileEmitter(out, false);
    assertThat(emitter.emit(List.of(new GeneratedFile("a/b.txt", "one\n", Ownership.FERRY))))
        .containsExactly(new Outcome("a/b.txt", Status.CREATED));
    Files.writeString(out.resolve("a/b.txt"), "user edit\n");
    assertThat(emitter.emit(List.of(new GeneratedFile("a/b.txt", "two\n", Ownership.FERRY))))
        .containsExactly(new Outcome("a/b.txt", Status.UPDATED));
    assertThat(out.resolve("a/b.txt")).hasContent("two");
  }

  @Test
  void identical_bytes_are_not_written_again() throws Exception {
    FileEmitter emitter = new FileEmitter(out, false);
    GeneratedFile file = new GeneratedFile("same.txt", "x\n", Ownership.FERRY);
    emitter.emit(List.of(file));
    FileTime old = FileTime.fromMillis(1_000_000L);
    Files.setLastModifiedTime(out.resolve("same.txt"), old);
    assertThat(emitter.emit(List.of(file))).containsExactly(new Outcome("same.txt", Status.UNCHANGED));
    assertThat(Files.getLastModifiedTime(out.resolve("same.txt"))).isEqualTo(old);
  }

  @Test
  void once_files_are_written_only_when_absent() throws Exception {
    FileEmitter emitter = new FileEmitter(out, false);
    emitter.emit(List.of(new GeneratedFile("schema.prisma", "generator\n", Ownership.ONCE)));
    Files.writeString(out.resolve("schema.prisma"), "mine\n");
    assertThat(emitter.emit(List.of(new GeneratedFile("schema.prisma", "generator v2\n", Ownership.ONCE))))
        .containsExactly(new Outcome("schema.prisma", Status.KEPT));
    assertThat(out.resolve("schema.prisma")).hasContent("mine");
  }

  @Test
  void regions_are_replaced_and_user_text_around_them_is_kept() throws Exception {
    FileEmitter emitter = new FileEmitter(out, false);
    String first = """
        class Customer
          # ferry:generated:begin fields
          field :email
          # ferry:generated:end
          # ferry:generated:begin associations
          has_many :subscriptions
          # ferry:generated:end
        end
        """;
    emitter.emit(List.of(new GeneratedFile("customer.rb", first, Ownership.REGIONS)));
    String withMethod = first.replace("class Customer\n", "class Customer\n  def vip? = true\n");
    String edited = withMethod.substring(0, withMethod.lastIndexOf("end\n")) + "  # user note\nend\n";
    Files.writeString(out.resolve("customer.rb"), edited);
    String second = first.replace("field :email", "field :email\n  field :name");

    assertThat(emitter.emit(List.of(new GeneratedFile("customer.rb", second, Ownership.REGIONS))))
        .containsExactly(new Outcome("customer.rb", Status.UPDATED));
    assertThat(Files.readString(out.resolve("customer.rb"))).isEqualTo("""
        class Customer
          def vip? = true
          # ferry:generated:begin fields
          field :email
          field :name
          # ferry:generated:end
          # ferry:generated:begin associations
          has_many :subscriptions
          # ferry:generated:end
          # user note
        end
        """);
    assertThat(emitter.emit(List.of(new GeneratedFile("customer.rb", second, Ownership.REGIONS))))
        .containsExactly(new Outcome("customer.rb", Status.UNCHANGED));
  }

  @Test
  void regions_work_in_any_comment_syntax() {
    String existing = "-- top\n-- ferry:generated:begin\nold\n-- ferry:generated:end\n-- bottom\n";
    String generated = "-- ferry:generated:begin\nnew\n-- ferry:generated:end\n";
    assertThat(Regions.merge("x.sql", existing, generated)).isEqualTo("-- top\n-- ferry:generated:begin\nnew\n-- ferry:generated:end\n-- bottom\n");
    String html = "<p>\n<!-- ferry:generated:begin body -->\nold\n<!-- ferry:generated:end -->\n";
    assertThat(Regions.merge("x.html", html, "<!-- ferry:generated:begin body -->\nnew\n<!-- ferry:generated:end -->\n"))
        .isEqualTo("<p>\n<!-- ferry:generated:begin body -->\nnew\n<!-- ferry:generated:end -->\n");
  }

  @Test
  void a_region_whose_markers_the_user_removed_is_an_error() throws Exception {
    Files.writeString(out.resolve("m.ex"), "defmodule M do\nend\n");
    FileEmitter emitter = new FileEmitter(out, false);
    assertThatThrownBy(() -> emitter.emit(List.of(new GeneratedFile("m.ex", "# ferry:generated:begin schema\nx\n# ferry:generated:end\n", Ownership.REGIONS))))
        .isInstanceOf(GenerationException.class)
        .hasMessageContaining("m.ex: generated region 'schema' is missing");
  }

  @Test
  void check_mode_reports_stale_files_and_writes_nothing() throws Exception {
    Files.writeString(out.resolve("same.txt"), "x\n");
    Files.writeString(out.resolve("old.txt"), "old\n");
    FileEmitter checker = new FileEmitter(out, true);
    List<Outcome> outcomes = checker.emit(List.of(
        new GeneratedFile("same.txt", "x\n", Ownership.FERRY),
        new GeneratedFile("old.txt", "new\n", Ownership.FERRY),
        new GeneratedFile("missing.txt", "m\n", Ownership.FERRY)));
    assertThat(outcomes).extracting(Outcome::status).containsExactly(Status.UNCHANGED, Status.UPDATED, Status.CREATED);
    assertThat(outcomes).filteredOn(o -> o.status().stale()).hasSize(2);
    assertThat(out.resolve("old.txt")).hasContent("old");
    assertThat(out.resolve("missing.txt")).doesNotExist();
  }

  @Test
  void paths_may_not_leave_the_output_folder() {
    assertThatThrownBy(() -> new FileEmitter(out, false).emit(List.of(new GeneratedFile("../evil.txt", "x", Ownership.FERRY))))
        .isInstanceOf(GenerationException.class);
  }
}
