package dev.minato.check.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.minato.check.CheckedObject;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

class JunitReporterTest {

  private static Document parse(CheckReport report) throws Exception {
    byte[] xml = Reports.render(new JunitReporter(), report).getBytes(StandardCharsets.UTF_8);
    return DocumentBuilderFactory.newInstance()
        .newDocumentBuilder()
        .parse(new ByteArrayInputStream(xml));
  }

  private static List<Element> elements(Document document, String tag) {
    NodeList nodes = document.getElementsByTagName(tag);
    List<Element> list = new ArrayList<>();
    for (int i = 0; i < nodes.getLength(); i++) {
      list.add((Element) nodes.item(i));
    }
    return list;
  }

  @Test
  void hasOneTestCasePerObjectAndApplicableRule() throws Exception {
    CheckReport report = Reports.report();
    int expected =
        report.result().objects().stream().mapToInt(o -> o.ruleIds().size()).sum()
            + report.inputErrors().size();

    List<Element> cases = elements(parse(report), "testcase");

    assertThat(cases).hasSize(expected);
    List<String> names = cases.stream().map(c -> c.getAttribute("name")).toList();
    assertThat(names)
        .doesNotHaveDuplicates()
        .contains("Deployment/web image-tag-pinned", "Service/web selector-match");
  }

  @Test
  void failingRulesAreFailuresAndWaivedOnesAreSkipped() throws Exception {
    Document document = parse(Reports.report());

    List<Element> failures = elements(document, "failure");
    assertThat(failures)
        .extracting(f -> ((Element) f.getParentNode()).getAttribute("name"))
        .containsExactlyInAnyOrder(
            "Deployment/web image-tag-pinned", "Deployment/web resources-requests");
    assertThat(elements(document, "skipped"))
        .singleElement()
        .satisfies(
            s ->
                assertThat(s.getAttribute("message"))
                    .isEqualTo("suppressed: legacy & <cache> (until 2027-01-01)"));
  }

  @Test
  void suiteCountsAgreeWithTheCases() throws Exception {
    Document document = parse(Reports.report());

    for (Element suite : elements(document, "testsuite")) {
      NodeList cases = suite.getElementsByTagName("testcase");
      assertThat(Integer.parseInt(suite.getAttribute("tests"))).isEqualTo(cases.getLength());
      assertThat(Integer.parseInt(suite.getAttribute("failures")))
          .isEqualTo(suite.getElementsByTagName("failure").getLength());
    }
  }

  @Test
  void inputErrorsAreErrorCases() throws Exception {
    assertThat(elements(parse(Reports.report()), "error"))
        .singleElement()
        .satisfies(
            e -> assertThat(e.getAttribute("message")).contains("dir with space/broken.yaml:3:7"));
  }

  @Test
  void objectsRecordTheRulesThatApplied() {
    CheckedObject service =
        Reports.report().result().objects().stream()
            .filter(o -> o.object().kind().equals("Service"))
            .findFirst()
            .orElseThrow();

    assertThat(service.ruleIds())
        .contains("selector-match", "nodeport-unique")
        .doesNotContain("image-tag-pinned");
  }
}
