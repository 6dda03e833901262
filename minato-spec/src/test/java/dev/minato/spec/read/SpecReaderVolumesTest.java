package dev.minato.spec.read;

import static org.assertj.core.api.Assertions.assertThat;

import dev.minato.manifest.migration.MigrationPolicy;
import dev.minato.spec.App;
import dev.minato.spec.AppSpec;
import dev.minato.spec.Volume;
import dev.minato.spec.WorkloadType;
import java.util.List;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

/** spec.volumes and type: stateful as the reader binds and checks them. */
class SpecReaderVolumesTest {

  private static final String WEB = SpecReaderDefaultsTest.web("");

  private static App read(String body) throws SpecException {
    return SpecReaderDefaultsTest.read(body);
  }

  private static List<String> errors(String body) {
    return SpecReaderErrorsTest.errors(SpecReaderDefaultsTest.HEADER + body);
  }

  @Test
  void readsEachKindOfVolumeInTheOrderWritten() throws Exception {
    AppSpec spec =
        read(WEB
                + "  volumes:\n"
                + "    cache: {mountPath: /var/cache/app, emptyDir: {sizeLimit: 1Gi, medium:"
                + " Memory}}\n"
                + "    theme: {mountPath: /etc/theme, configMap: {name: theme, items: [{key:"
                + " a.ini}], defaultMode: \"0440\"}}\n"
                + "    tls: {mountPath: /etc/tls, secret: {name: tls}}\n"
                + "    uploads: {mountPath: /srv/uploads, subPath: blog, persistentVolumeClaim:"
                + " {claimName: uploads}}\n")
            .spec();

    assertThat(spec.volumes())
        .extracting(Volume::name)
        .containsExactly("cache", "theme", "tls", "uploads");
    Volume.EmptyDir cache = (Volume.EmptyDir) spec.volumes().get(0).source();
    assertThat(cache.sizeLimit().orElseThrow().text()).isEqualTo("1Gi");
    assertThat(cache.memory()).isTrue();
    Volume.ConfigMapFiles theme = (Volume.ConfigMapFiles) spec.volumes().get(1).source();
    assertThat(theme.items()).containsExactly(new Volume.Item("a.ini", "a.ini"));
    assertThat(theme.defaultMode()).isEqualTo(OptionalInt.of(0440));
    assertThat(spec.volumes().get(1).readOnly()).as("config files are mounted read-only").isTrue();
    assertThat(spec.volumes().get(2).readOnly()).isTrue();
    assertThat(spec.volumes().get(3).readOnly()).isFalse();
    assertThat(spec.volumes().get(3).subPath()).contains("blog");
  }

  @Test
  void aClaimDefaultsTheMigrationPolicyToDowntimeOk() throws Exception {
    String claim = "  volumes: {up: {mountPath: /up, persistentVolumeClaim: {claimName: up}}}\n";

    assertThat(read(WEB + claim).spec().migration()).isEqualTo(MigrationPolicy.DOWNTIME_OK);
    assertThat(read(WEB + claim + "  migration: duplicate-ok\n").spec().migration())
        .as("an explicit policy wins")
        .isEqualTo(MigrationPolicy.DUPLICATE_OK);
    assertThat(read(WEB + "  volumes: {c: {mountPath: /c, emptyDir: {}}}\n").spec().migration())
        .isEqualTo(MigrationPolicy.DUPLICATE_OK);
  }

  @Test
  void aStatefulAppIsOneMemberDowntimeOkAndServesWithAPort() throws Exception {
    AppSpec spec =
        read(WEB.replace("  port:", "  type: stateful\n  port:")
                + "  volumes: {data: {mountPath: /data, volumeClaimTemplate: {size: 10Gi}}}\n")
            .spec();

    assertThat(spec.type()).isEqualTo(WorkloadType.STATEFUL);
    assertThat(spec.serves()).isTrue();
    assertThat(spec.replicas().min()).isEqualTo(1);
    assertThat(spec.migration()).isEqualTo(MigrationPolicy.DOWNTIME_OK);
    Volume.ClaimTemplate data = (Volume.ClaimTemplate) spec.volumes().get(0).source();
    assertThat(data.accessModes()).containsExactly("ReadWriteOnce");
    assertThat(data.storageClassName()).isEmpty();
  }

  @Test
  void anEnvironmentChangesOneVolumeByName() throws Exception {
    App app =
        read(
            WEB
                + "  volumes:\n"
                + "    cache: {mountPath: /cache, emptyDir: {}}\n"
                + "    up: {mountPath: /up, persistentVolumeClaim: {claimName: up}}\n"
                + "environments:\n"
                + "  prd:\n"
                + "    volumes: {up: {persistentVolumeClaim: {claimName: up-prd}}, cache: null}\n");

    List<Volume> prd = app.environments().get(0).spec().volumes();
    assertThat(prd)
        .singleElement()
        .extracting(Volume::source)
        .isEqualTo(new Volume.Claim("up-prd"));
    assertThat(prd.get(0).mountPath()).isEqualTo("/up");
  }

  @Test
  void rejectsVolumesThatAreNotAMappingOrAVolumeThatIsNot() {
    assertThat(errors(WEB + "  volumes: [cache]\n"))
        .containsExactly(
            "minato.yaml:9:12: spec.volumes: expected a mapping of fields, found a list");
    assertThat(errors(WEB + "  volumes: {cache: /cache}\n"))
        .containsExactly(
            "minato.yaml:9:20: spec.volumes.cache: expected a mapping of fields, found '/cache'");
  }

  @Test
  void rejectsAnUnknownFieldOfAVolumeWithSuggestion() {
    assertThat(errors(WEB + "  volumes: {c: {mountPath: /c, emptyDir: {}, readonly: true}}\n"))
        .containsExactly(
            "minato.yaml:9:46: spec.volumes.c.readonly: unknown field 'readonly', did you mean"
                + " 'readOnly'?");
    assertThat(errors(WEB + "  volumes: {c: {mountPath: /c, emptyDir: {sizelimit: 1Gi}}}\n"))
        .singleElement()
        .asString()
        .contains(
            "spec.volumes.c.emptyDir.sizelimit: unknown field 'sizelimit', did you mean 'sizeLimit'?");
  }

  @Test
  void rejectsAVolumeWithoutOrWithTwoSources() {
    assertThat(errors(WEB + "  volumes: {c: {mountPath: /c}}\n"))
        .singleElement()
        .asString()
        .startsWith("minato.yaml:9:16: spec.volumes.c: a volume needs one source: emptyDir,");
    assertThat(
            errors(
                WEB
                    + "  volumes: {c: {mountPath: /c, emptyDir: {}, persistentVolumeClaim: {claimName:"
                    + " c}}}\n"))
        .singleElement()
        .asString()
        .endsWith("a volume has one source, found emptyDir and persistentVolumeClaim");
  }

  @Test
  void rejectsNamesThatAreNoLabelsOrThatMinatoUses() {
    assertThat(errors(WEB + "  volumes: {Cache: {mountPath: /c, emptyDir: {}}}\n"))
        .singleElement()
        .asString()
        .startsWith("minato.yaml:9:20: spec.volumes.Cache: volume name 'Cache' is not a valid name")
        .contains("e.g. 'cache'");
    for (String reserved : List.of("tmp", "config", "writable-0")) {
      assertThat(errors(WEB + "  volumes: {" + reserved + ": {mountPath: /c, emptyDir: {}}}\n"))
          .singleElement()
          .asString()
          .contains("is the name of a volume minato adds itself");
    }
  }

  @Test
  void rejectsMountPathsThatAreRelativeDuplicatedOrHideMinatosMounts() {
    assertThat(errors(WEB + "  volumes: {c: {mountPath: cache, emptyDir: {}}}\n"))
        .containsExactly(
            "minato.yaml:9:28: spec.volumes.c.mountPath: 'cache' must be an absolute directory"
                + " other than /, e.g. /var/lib/data");
    assertThat(
            errors(
                WEB
                    + "  volumes:\n    a: {mountPath: /data, emptyDir: {}}\n"
                    + "    b: {mountPath: /data, emptyDir: {}}\n"))
        .containsExactly(
            "minato.yaml:11:20: spec.volumes.b.mountPath: '/data' is already the mount path of"
                + " spec.volumes.a");
    assertThat(errors(WEB + "  volumes: {c: {mountPath: /tmp/cache, emptyDir: {}}}\n"))
        .singleElement()
        .asString()
        .contains("'/tmp/cache' overlaps /tmp, which minato's writable /tmp mounts");
    assertThat(
            errors(
                WEB
                    + "  configFiles: {/etc/app/app.yaml: \"a: 1\"}\n"
                    + "  volumes: {c: {mountPath: /etc/app, emptyDir: {}}}\n"))
        .singleElement()
        .asString()
        .contains("'/etc/app' overlaps /etc/app/app.yaml, which spec.configFiles mounts");
    assertThat(
            errors(
                WEB
                    + "  security: {readOnlyRootFilesystem: true, writablePaths: [/var/run/app]}\n"
                    + "  volumes: {c: {mountPath: /var/run/app/sock, emptyDir: {}}}\n"))
        .singleElement()
        .asString()
        .contains("which spec.security.writablePaths mounts");
  }

  @Test
  void rejectsBadValuesOfEachSource() {
    assertThat(errors(WEB + "  volumes: {c: {mountPath: /c, emptyDir: {sizeLimit: lots}}}\n"))
        .singleElement()
        .asString()
        .startsWith("minato.yaml:9:54: spec.volumes.c.emptyDir.sizeLimit: 'lots' is not a quantity")
        .endsWith("e.g. '512Mi' or '10Gi'");
    assertThat(errors(WEB + "  volumes: {c: {mountPath: /c, emptyDir: {medium: Disk}}}\n"))
        .singleElement()
        .asString()
        .contains("spec.volumes.c.emptyDir.medium: expected one of Memory, found 'Disk'");
    assertThat(
            errors(
                WEB + "  volumes: {c: {mountPath: /c, secret: {name: tls, defaultMode: 0440}}}\n"))
        .singleElement()
        .asString()
        .contains("spec.volumes.c.secret.defaultMode: expected an octal file mode as a string")
        .contains("YAML readers disagree");
    assertThat(errors(WEB + "  volumes: {c: {mountPath: /c, configMap: {name: My_Map}}}\n"))
        .singleElement()
        .asString()
        .contains("spec.volumes.c.configMap.name: 'My_Map' is not an object name");
    assertThat(
            errors(
                WEB
                    + "  volumes: {c: {mountPath: /c, configMap: {name: m, items: [{key: a, path: ../a}]}}}\n"))
        .singleElement()
        .asString()
        .contains("spec.volumes.c.configMap.items[0].path: '../a' must be a relative file path");
    assertThat(errors(WEB + "  volumes: {c: {mountPath: /c, subPath: /abs, emptyDir: {}}}\n"))
        .singleElement()
        .asString()
        .contains("spec.volumes.c.subPath: '/abs' must be a relative path inside the volume");
    assertThat(errors(WEB + "  volumes: {c: {mountPath: /c, persistentVolumeClaim: {}}}\n"))
        .singleElement()
        .asString()
        .contains("missing required field 'claimName'");
  }

  @Test
  void aClaimTemplateNeedsAStatefulAppASizeAndKnownAccessModes() {
    assertThat(errors(WEB + "  volumes: {d: {mountPath: /d, volumeClaimTemplate: {size: 1Gi}}}\n"))
        .singleElement()
        .asString()
        .contains("spec.volumes.d.volumeClaimTemplate: a volumeClaimTemplate gives each member")
        .contains("needs type: stateful");
    String stateful = WEB.replace("  port:", "  type: stateful\n  port:");
    assertThat(
            errors(
                stateful
                    + "  volumes: {d: {mountPath: /d, volumeClaimTemplate: {accessModes:"
                    + " [ReadWriteOnse]}}}\n"))
        .containsExactlyInAnyOrder(
            "minato.yaml:10:53: spec.volumes.d.volumeClaimTemplate: missing required field 'size',"
                + " e.g. size: 10Gi",
            "minato.yaml:10:67: spec.volumes.d.volumeClaimTemplate.accessModes: expected access"
                + " modes among ReadWriteOnce, ReadOnlyMany, ReadWriteMany, ReadWriteOncePod, found"
                + " 'ReadWriteOnse', did you mean 'ReadWriteOnce'?");
    assertThat(
            errors(
                stateful + "  volumes: {d: {mountPath: /d, volumeClaimTemplate: {size: 0Gi}}}\n"))
        .singleElement()
        .asString()
        .contains("spec.volumes.d.volumeClaimTemplate.size: must be more than zero");
  }

  @Test
  void aStatefulAppIsNotAutoscaled() {
    assertThat(
            errors(
                WEB.replace("  port:", "  type: stateful\n  port:")
                    + "  replicas: {min: 2, max: 4}\n"))
        .singleElement()
        .asString()
        .startsWith("minato.yaml:10:27: spec.replicas.max: a stateful app is not autoscaled");
  }
}
