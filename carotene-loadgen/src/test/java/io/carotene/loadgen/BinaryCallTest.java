package io.carotene.loadgen;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class BinaryCallTest {

  @Test
  void aBotWritesHandleInputAsPROTOCOLsWorkedExample() {
    Bot bot = new Bot(0, false, new Run(Options.parse(new String[0])));
    bot.playerId = "8bc29c54-293e-4482-9868-094937eb08e1";
    byte[] frame = bot.writeBinaryCall(7, 1200, 1f, 0f);
    assertThat(HexFormat.of().formatHex(frame)).isEqualTo(
        "03" + "0700000000000000" + "b004000000000000" + "0000"
            + "82443e29549cc28b" + "e108eb3749096898" + "0000803f" + "00000000" + "00000000");
    assertThat(frame).hasSize(Bot.BINARY_CALL_BYTES);
  }

  @Test
  void callsAreBinaryWithBinarySnapshotsAndJsonOtherwise() {
    assertThat(Options.parse(new String[0]).calls).isEqualTo("binary");
    assertThat(Options.parse(new String[] {"--format", "json"}).calls).isEqualTo("json");
    assertThat(Options.parse(new String[] {"--calls", "json"}).calls).isEqualTo("json");
    assertThatThrownBy(() -> Options.parse(new String[] {"--format", "json", "--calls", "binary"}))
        .hasMessageContaining("--format binary");
    assertThatThrownBy(() -> Options.parse(new String[] {"--calls", "xml"})).hasMessageContaining("--calls");
  }
}
