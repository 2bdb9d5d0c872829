package dev.ferry.db;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SecretsTest {

  @Test
  void masksThePasswordOfAUrlItWasNeverTold() {
    assertThat(Secrets.redact("cannot use postgres://app:never-seen-1@db:5432/x now"))
        .isEqualTo("cannot use postgres://app:****@db:5432/x now");
  }

  @Test
  void masksAllOfAPasswordHoldingAnUnencodedAtSign() {
    assertThat(Secrets.redact("'postgres://app:half@other-half@db/x'")).doesNotContain("half").contains("@db/x");
  }

  @Test
  void masksPasswordParametersAndStripeKeys() {
    assertThat(Secrets.redact("jdbc:postgresql://h/d?user=a&password=letmein99")).isEqualTo("jdbc:postgresql://h/d?user=a&password=****");
    assertThat(Secrets.redact("key sk_test_abc123DEF and whsec_xyz789")).isEqualTo("key sk_test_**** and whsec_****");
  }

  @Test
  void masksRegisteredValuesWhereverTheyAppear() {
    Secrets.register("registered-Secret-42");
    assertThat(Secrets.redact("echo registered-Secret-42!")).isEqualTo("echo ****!");
  }

  @Test
  void leavesUrlsWithoutPasswordsAlone() {
    assertThat(Secrets.redact("postgres://app@db:5432/x")).isEqualTo("postgres://app@db:5432/x");
  }

  @Test
  void masksValuesNotTheWordsAroundThem() {
    String advice = "no webhook signing secret: pass --webhook-secret or set STRIPE_WEBHOOK_SECRET";
    assertThat(Secrets.redact(advice)).isEqualTo(advice);
    assertThat(Secrets.redact("the password: check the user and password")).isEqualTo("the password: check the user and password");
  }

  @Test
  void masksSecretsInVariablesKeysAndOptions() {
    assertThat(Secrets.redact("STRIPE_API_KEY=opaque-value-1 ferry sync")).isEqualTo("STRIPE_API_KEY=**** ferry sync");
    assertThat(Secrets.redact("sync:\n  stripe:\n    api_key: opaque-value-2\n")).isEqualTo("sync:\n  stripe:\n    api_key: ****\n");
    assertThat(Secrets.redact("{\"password\": \"opaque-value-3\"}")).isEqualTo("{\"password\": \"****\"}");
    assertThat(Secrets.redact("ferry sync --api-key=opaque-value-4")).isEqualTo("ferry sync --api-key=****");
    Secrets.registerOptionValues(new String[] {"sync", "--api-key", "opaque-value-5", "--webhook-secret=opaque-value-6"});
    assertThat(Secrets.redact("ferry sync --api-key opaque-value-5 --webhook-secret opaque-value-6"))
        .isEqualTo("ferry sync --api-key **** --webhook-secret ****");
  }
}
