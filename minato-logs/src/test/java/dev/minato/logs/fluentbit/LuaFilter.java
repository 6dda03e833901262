package dev.minato.logs.fluentbit;

import dev.minato.logs.LogEvent;
import java.util.LinkedHashMap;
import java.util.Map;
import org.luaj.vm2.Globals;
import org.luaj.vm2.LuaTable;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.Varargs;
import org.luaj.vm2.lib.jse.JsePlatform;

/**
 * A generated masking script run as Fluent Bit's lua filter runs it: loaded once, then its {@code
 * minato_mask(tag, timestamp, record)} called per record, by a pure-Java Lua interpreter (LuaJ).
 */
public final class LuaFilter {

  private final LuaValue function;

  public LuaFilter(String script) {
    Globals globals = JsePlatform.standardGlobals();
    globals.load(script, "minato-mask.lua").call();
    function = globals.get(FluentBitMasking.FUNCTION);
    if (!function.isfunction()) {
      throw new IllegalStateException("the script defines no " + FluentBitMasking.FUNCTION);
    }
  }

  /** The event's fields as a flat record, masked; the filter's return code is checked too. */
  public LogEvent mask(LogEvent event) {
    LuaTable record = new LuaTable();
    event.fields().forEach((label, value) -> record.set(label, LuaValue.valueOf(value)));
    Varargs result = call(record);
    Map<String, String> fields = new LinkedHashMap<>();
    boolean changed = false;
    for (String label : event.fields().keySet()) {
      String value = result.arg(3).get(label).tojstring();
      changed |= !value.equals(event.fields().get(label));
      fields.put(label, value);
    }
    int code = result.arg1().toint();
    if (code != (changed ? 2 : 0)) {
      throw new AssertionError("return code " + code + " but the record changed: " + changed);
    }
    return new LogEvent(fields);
  }

  /** Calls the filter on a record built by the caller (nested tables, numbers). */
  public Varargs call(LuaTable record) {
    return function.invoke(
        LuaValue.varargsOf(
            new LuaValue[] {LuaValue.valueOf("minato.app.app"), LuaValue.valueOf(0), record}));
  }
}
