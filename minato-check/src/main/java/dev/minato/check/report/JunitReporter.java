package dev.minato.check.report;

import dev.minato.check.CheckResult;
import dev.minato.check.CheckedObject;
import dev.minato.check.Finding;
import dev.minato.check.InputError;
import dev.minato.check.SuppressedFinding;
import dev.minato.manifest.KubeObject;
import java.io.IOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/**
 * JUnit XML, which every CI shows as a test report: one test suite per file, one test case per
 * object and rule that applied to it. A case fails when the rule found something, is skipped when a
 * suppression waived it, and passes otherwise. Unreadable input is a case with an error.
 */
public final class JunitReporter implements Reporter {

  @Override
  public void write(CheckReport report, Writer out) throws IOException {
    CheckResult result = report.result();
    Map<String, List<Finding>> failures = new HashMap<>();
    result
        .findings()
        .forEach(f -> failures.computeIfAbsent(caseKey(f), k -> new ArrayList<>()).add(f));
    Map<String, SuppressedFinding> skipped = new HashMap<>();
    result.suppressed().forEach(s -> skipped.putIfAbsent(caseKey(s.finding()), s));
    Map<String, List<CheckedObject>> byFile =
        result.objects().stream()
            .collect(
                Collectors.groupingBy(
                    o -> o.object().source().source(), LinkedHashMap::new, Collectors.toList()));
    try {
      XMLStreamWriter xml = XMLOutputFactory.newFactory().createXMLStreamWriter(out);
      xml.writeStartDocument("UTF-8", "1.0");
      xml.writeCharacters("\n");
      xml.writeStartElement("testsuites");
      xml.writeAttribute("name", "minato check");
      xml.writeCharacters("\n");
      for (Map.Entry<String, List<CheckedObject>> file : new TreeMap<>(byFile).entrySet()) {
        suite(xml, file.getKey(), file.getValue(), failures, skipped);
      }
      if (!report.inputErrors().isEmpty()) {
        inputErrors(xml, report.inputErrors());
      }
      xml.writeEndElement();
      xml.writeCharacters("\n");
      xml.writeEndDocument();
      xml.flush();
    } catch (XMLStreamException e) {
      throw new IOException("cannot write JUnit XML: " + e.getMessage(), e);
    }
  }

  private static void suite(
      XMLStreamWriter xml,
      String file,
      List<CheckedObject> objects,
      Map<String, List<Finding>> failures,
      Map<String, SuppressedFinding> skipped)
      throws XMLStreamException {
    int tests = 0;
    int failed = 0;
    int waived = 0;
    for (CheckedObject object : objects) {
      for (String rule : object.ruleIds()) {
        tests++;
        String key = caseKey(object.object(), rule);
        if (failures.containsKey(key)) {
          failed++;
        } else if (skipped.containsKey(key)) {
          waived++;
        }
      }
    }
    xml.writeCharacters("  ");
    xml.writeStartElement("testsuite");
    xml.writeAttribute("name", file);
    xml.writeAttribute("tests", Integer.toString(tests));
    xml.writeAttribute("failures", Integer.toString(failed));
    xml.writeAttribute("errors", "0");
    xml.writeAttribute("skipped", Integer.toString(waived));
    xml.writeCharacters("\n");
    for (CheckedObject object : objects) {
      KubeObject kube = object.object();
      for (String rule : object.ruleIds()) {
        String key = caseKey(kube, rule);
        xml.writeCharacters("    ");
        xml.writeStartElement("testcase");
        xml.writeAttribute("classname", file);
        xml.writeAttribute("name", kube.key() + " " + rule);
        xml.writeAttribute("file", file);
        xml.writeAttribute("line", Integer.toString(kube.source().line()));
        List<Finding> found = failures.get(key);
        SuppressedFinding waivedBy = skipped.get(key);
        if (found != null) {
          xml.writeStartElement("failure");
          xml.writeAttribute("type", found.get(0).severity().label());
          xml.writeAttribute("message", found.get(0).message());
          xml.writeCharacters(
              found.stream()
                  .map(f -> f.position() + ": " + f.message())
                  .collect(Collectors.joining("\n")));
          xml.writeEndElement();
        } else if (waivedBy != null) {
          xml.writeEmptyElement("skipped");
          xml.writeAttribute("message", "suppressed: " + waivedBy.suppression().describe());
        }
        xml.writeEndElement();
        xml.writeCharacters("\n");
      }
    }
    xml.writeCharacters("  ");
    xml.writeEndElement();
    xml.writeCharacters("\n");
  }

  private static void inputErrors(XMLStreamWriter xml, List<InputError> errors)
      throws XMLStreamException {
    xml.writeCharacters("  ");
    xml.writeStartElement("testsuite");
    xml.writeAttribute("name", "input");
    xml.writeAttribute("tests", Integer.toString(errors.size()));
    xml.writeAttribute("failures", "0");
    xml.writeAttribute("errors", Integer.toString(errors.size()));
    xml.writeAttribute("skipped", "0");
    xml.writeCharacters("\n");
    for (InputError error : errors) {
      xml.writeCharacters("    ");
      xml.writeStartElement("testcase");
      xml.writeAttribute("classname", error.position().source());
      xml.writeAttribute("name", "readable " + error.position().source());
      xml.writeEmptyElement("error");
      xml.writeAttribute("message", error.located());
      xml.writeEndElement();
      xml.writeCharacters("\n");
    }
    xml.writeCharacters("  ");
    xml.writeEndElement();
    xml.writeCharacters("\n");
  }

  private static String caseKey(Finding finding) {
    return finding.objectPosition() + "\u0000" + finding.object() + "\u0000" + finding.ruleId();
  }

  private static String caseKey(KubeObject object, String rule) {
    return object.source() + "\u0000" + object.key() + "\u0000" + rule;
  }
}
