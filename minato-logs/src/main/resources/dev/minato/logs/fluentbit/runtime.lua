-- minato's masking runtime for Fluent Bit's lua filter (Lua 5.1 / LuaJIT, as Fluent Bit embeds).
-- It mirrors dev.minato.logs.mask.Masker: per field, the first key rule whose name or pattern takes
-- the label masks the whole value; otherwise every value rule searches the value, and where two
-- matches overlap the one that starts first (then the longer, then the earlier rule) wins.
-- The rules are the table RULES, written above this runtime by 'minato collector'.

local function is_alnum(b)
  return b ~= nil and ((b >= 48 and b <= 57) or (b >= 65 and b <= 90) or (b >= 97 and b <= 122))
end

local function is_digit(b)
  return b ~= nil and b >= 48 and b <= 57
end

local function is_word(b)
  return is_alnum(b) or b == 95
end

local function partial(text, keep)
  local alnums = 0
  for i = 1, #text do
    if is_alnum(string.byte(text, i)) then alnums = alnums + 1 end
  end
  local shown = math.min(keep, math.floor(alnums / 2))
  local to_mask = alnums - shown
  local out = {}
  for i = 1, #text do
    local b = string.byte(text, i)
    if is_alnum(b) and to_mask > 0 then
      out[#out + 1] = "*"
      to_mask = to_mask - 1
    else
      out[#out + 1] = string.char(b)
    end
  end
  return table.concat(out)
end

local function apply(rule, text)
  if rule.action == "redact" then return rule.replacement end
  return partial(text, rule.keep)
end

-- Finders add {start, end_exclusive, rule_index, sequence} to out (1-based positions).

local function find_patterns(rule, value, out, index)
  if rule.contains ~= nil and string.find(value, rule.contains, 1, true) == nil then return end
  local subject = value
  if rule.lower then subject = string.lower(value) end
  local pos = 1
  local n = #value
  while pos <= n + 1 do
    local best_s, best_e = nil, nil
    for _, p in ipairs(rule.patterns) do
      local s, e = string.find(subject, p, pos)
      if s ~= nil and (best_s == nil or s < best_s) then best_s, best_e = s, e end
    end
    if best_s == nil then return end
    if best_e >= best_s then
      out[#out + 1] = {best_s, best_e + 1, index}
      pos = best_e + 1
    else
      pos = best_s + 1
    end
  end
end

local function luhn(value, s, e)
  local sum, doubled = 0, false
  for i = e - 1, s, -1 do
    local b = string.byte(value, i)
    if is_digit(b) then
      local d = b - 48
      if doubled then
        d = d * 2
        if d > 9 then d = d - 9 end
      end
      sum = sum + d
      doubled = not doubled
    end
  end
  return sum % 10 == 0
end

local function find_cards(rule, value, out, index)
  local n = #value
  if n < 13 then return end
  local i = 1
  while i <= n do
    local b = string.byte(value, i)
    if not is_digit(b) then
      i = i + 1
    elseif i > 1 and is_word(string.byte(value, i - 1)) then
      while i <= n and is_word(string.byte(value, i)) do i = i + 1 end
    else
      local starts, ends, groups, j = {}, {}, 0, i
      while true do
        local group_start = j
        while j <= n and is_digit(string.byte(value, j)) do j = j + 1 end
        groups = groups + 1
        starts[groups], ends[groups] = group_start, j
        local sep = string.byte(value, j)
        local separated = j + 1 <= n and (sep == 32 or sep == 45) and is_digit(string.byte(value, j + 1))
        if not separated or groups == 24 then break end
        j = j + 1
      end
      local glued = j <= n and is_word(string.byte(value, j))
      local found = 0
      for a = 1, groups do
        local first = string.byte(value, starts[a])
        if first >= 50 and first <= 54 then
          local digits, best = 0, -1
          for c = a, groups do
            digits = digits + ends[c] - starts[c]
            if digits > 19 then break end
            local end_ok = c < groups or not glued
            if digits >= 13 and end_ok and luhn(value, starts[a], ends[c]) then best = c end
          end
          if best >= 0 then
            out[#out + 1] = {starts[a], ends[best], index}
            found = ends[best]
            break
          end
        end
      end
      if found > 0 then i = found else i = j end
    end
  end
end

local AWS_PREFIXES = {"AKIA", "ASIA", "ABIA", "ACCA"}

local function find_aws(rule, value, out, index)
  local n = #value
  if n < 20 then return end
  for _, prefix in ipairs(AWS_PREFIXES) do
    local at = string.find(value, prefix, 1, true)
    while at ~= nil do
      local e = at + 20
      local ok = e - 1 <= n and not (at > 1 and is_word(string.byte(value, at - 1)))
        and not (e <= n and is_word(string.byte(value, e)))
      if ok then
        for k = at + 4, e - 1 do
          local b = string.byte(value, k)
          if not ((b >= 65 and b <= 90) or (b >= 50 and b <= 55)) then ok = false break end
        end
      end
      if ok then out[#out + 1] = {at, e, index} end
      at = string.find(value, prefix, at + 1, true)
    end
  end
end

local function is_token(b)
  return is_alnum(b) or b == 45 or b == 46 or b == 95 or b == 126 or b == 43 or b == 47
end

local function next_bearer(value, from)
  local best = nil
  local lower = string.find(value, "earer", from + 1, true)
  while lower ~= nil do
    local f = string.byte(value, lower - 1)
    if lower > 1 and (f == 66 or f == 98) then best = lower - 1 break end
    lower = string.find(value, "earer", lower + 1, true)
  end
  local upper = string.find(value, "EARER", from + 1, true)
  while upper ~= nil do
    if upper > 1 and string.byte(value, upper - 1) == 66 then
      if best == nil or upper - 1 < best then best = upper - 1 end
      break
    end
    upper = string.find(value, "EARER", upper + 1, true)
  end
  return best
end

local function find_bearer(rule, value, out, index)
  local n = #value
  local from = 1
  while true do
    local word = next_bearer(value, from)
    if word == nil then return end
    from = word + 6
    if not (word > 1 and is_word(string.byte(value, word - 1))) then
      local s = from
      while s <= n and string.byte(value, s) == 32 do s = s + 1 end
      if s ~= from then
        local e = s
        while e <= n and is_token(string.byte(value, e)) do e = e + 1 end
        while e <= n and string.byte(value, e) == 61 do e = e + 1 end
        if e - s >= 16 then
          out[#out + 1] = {s, e, index}
          from = e
        end
      end
    end
  end
end

local function is_letter(b)
  return b ~= nil and ((b >= 65 and b <= 90) or (b >= 97 and b <= 122))
end

-- E-mail addresses (Java: EmailAddresses): from each '@', the local part to its left and a domain
-- of 2+ labels to its right whose last label is 2+ letters.

local function is_local(b)
  return is_alnum(b) or b == 46 or b == 95 or b == 37 or b == 43 or b == 45
end

local function is_domain(b)
  return is_alnum(b) or b == 46 or b == 45
end

local function local_ok(value, s, e)
  local dots = string.find(value, "..", s, true)
  return string.byte(value, e - 1) ~= 46 and (dots == nil or dots >= e)
end

local function domain_ok(value, s, e)
  local labels, label_start = 0, s
  for i = s, e do
    if i == e or string.byte(value, i) == 46 then
      local length = i - label_start
      if length == 0 or length > 63 or string.byte(value, label_start) == 45
          or string.byte(value, i - 1) == 45 then
        return false
      end
      labels = labels + 1
      if i == e then
        if labels < 2 or length < 2 then return false end
        for k = label_start, i - 1 do
          if not is_letter(string.byte(value, k)) then return false end
        end
        return true
      end
      label_start = i + 1
    end
  end
  return false
end

local function find_emails(rule, value, out, index)
  local n = #value
  local at = string.find(value, "@", 1, true)
  while at ~= nil do
    local next_from = at + 1
    local s = at
    while s > 1 and is_local(string.byte(value, s - 1)) do s = s - 1 end
    while s < at and string.byte(value, s) == 46 do s = s + 1 end
    local e = at + 1
    while e <= n and is_domain(string.byte(value, e)) do e = e + 1 end
    while e > at + 1 and (string.byte(value, e - 1) == 46 or string.byte(value, e - 1) == 45) do
      e = e - 1
    end
    if s < at and local_ok(value, s, at) and domain_ok(value, at + 1, e) then
      out[#out + 1] = {s, e, index}
      next_from = e
    end
    at = string.find(value, "@", next_from, true)
  end
end

-- JSON Web Tokens (Java: Jwts): three base64url parts from "eyJ", the first two decoding to bytes
-- that start with '{' and end with '}' (trailing spaces and newlines allowed).

local function is_b64(b)
  return is_alnum(b) or b == 45 or b == 95
end

local function b64_run(value, from)
  local i = from
  while is_b64(string.byte(value, i)) do i = i + 1 end
  return i
end

local function sextet(b)
  if b >= 65 and b <= 90 then return b - 65 end
  if b >= 97 and b <= 122 then return b - 71 end
  if b >= 48 and b <= 57 then return b + 4 end
  if b == 45 then return 62 end
  return 63
end

-- The k-th byte (0-based) that the base64url text value[s, e) decodes to.
local function decoded_byte(value, s, e, k)
  local q = s + math.floor(k / 3) * 4
  local bits = 0
  for i = 0, 3 do
    local b = 0
    if q + i < e then b = sextet(string.byte(value, q + i)) end
    bits = bits * 64 + b
  end
  local r = k % 3
  if r == 0 then return math.floor(bits / 65536) end
  if r == 1 then return math.floor(bits / 256) % 256 end
  return bits % 256
end

local function is_json_object(value, s, e)
  local length = e - s
  if length < 4 or length % 4 == 1 then return false end
  if decoded_byte(value, s, e, 0) ~= 123 then return false end
  local last = math.floor(length * 3 / 4) - 1
  local b = decoded_byte(value, s, e, last)
  while last > 0 and (b == 32 or b == 10) do
    last = last - 1
    b = decoded_byte(value, s, e, last)
  end
  return b == 125
end

local function find_jwts(rule, value, out, index)
  local n = #value
  local from = 1
  local start = string.find(value, "eyJ", from, true)
  while start ~= nil do
    from = start + 3
    if not (start > 1 and is_b64(string.byte(value, start - 1))) then
      local header_end = b64_run(value, start)
      if header_end <= n and string.byte(value, header_end) == 46 then
        local payload_end = b64_run(value, header_end + 1)
        if payload_end ~= header_end + 1 and payload_end <= n
            and string.byte(value, payload_end) == 46 then
          local e = b64_run(value, payload_end + 1)
          if is_json_object(value, start, header_end)
              and is_json_object(value, header_end + 1, payload_end) then
            out[#out + 1] = {start, e, index}
            from = e
          end
        end
      end
    end
    start = string.find(value, "eyJ", from, true)
  end
end

-- PEM private-key blocks (Java: PrivateKeys): BEGIN line to the end of its END line, or to the end
-- of the value when the block was cut off.

local function find_private_keys(rule, value, out, index)
  local n = #value
  local from = 1
  local start = string.find(value, "-----BEGIN ", from, true)
  while start ~= nil do
    from = start + 11
    local label = string.find(value, "PRIVATE KEY-----", from, true)
    if label ~= nil and label - from <= 40 then
      local e = n + 1
      local end_line = string.find(value, "-----END ", label + 16, true)
      if end_line ~= nil then
        local close = string.find(value, "-----", end_line + 9, true)
        if close ~= nil then e = close + 5 end
      end
      out[#out + 1] = {start, e, index}
      from = e
    end
    start = string.find(value, "-----BEGIN ", from, true)
  end
end

-- IP addresses (Java: IpAddresses). IPv4: four parts 0-255 without leading zeros, not inside a
-- longer dotted number or a word. IPv6: RFC 4291 text forms, not inside a word.

local function v4_end(value, s)
  local i = s
  for part = 0, 3 do
    if part > 0 then
      if string.byte(value, i) ~= 46 then return nil end
      i = i + 1
    end
    local part_start, number = i, 0
    while is_digit(string.byte(value, i)) and i - part_start < 4 do
      number = number * 10 + string.byte(value, i) - 48
      i = i + 1
    end
    local digits = i - part_start
    if digits == 0 or digits > 3 or number > 255
        or (digits > 1 and string.byte(value, part_start) == 48) then
      return nil
    end
  end
  return i
end

local function find_ipv4(rule, value, out, index)
  local n = #value
  local dot = string.find(value, ".", 1, true)
  while dot ~= nil do
    local s = dot
    while s > 1 and is_digit(string.byte(value, s - 1)) do s = s - 1 end
    local e = nil
    if s ~= dot then e = v4_end(value, s) end
    local ok = false
    if e ~= nil then
      local p = string.byte(value, s - 1)
      local before = s == 1 or not (is_word(p) or p == 46)
      local f = string.byte(value, e)
      local after = e == n + 1
        or not (is_word(f) or (f == 46 and e + 1 <= n and is_digit(string.byte(value, e + 1))))
      ok = before and after
    end
    if ok then
      out[#out + 1] = {s, e, index}
      dot = string.find(value, ".", e, true)
    else
      dot = string.find(value, ".", dot + 1, true)
    end
  end
end

local function is_v6(b)
  return is_digit(b) or (b ~= nil and ((b >= 97 and b <= 102) or (b >= 65 and b <= 70)))
    or b == 58 or b == 46
end

local function v6_valid(text)
  local gap = string.find(text, "::", 1, true)
  if gap ~= nil and string.find(text, "::", gap + 1, true) ~= nil then return false end
  local halves = {text}
  if gap ~= nil then halves = {string.sub(text, 1, gap - 1), string.sub(text, gap + 2)} end
  local groups, any_hex = 0, false
  for h, half in ipairs(halves) do
    if half ~= "" then
      local parts, from = {}, 1
      while true do
        local colon = string.find(half, ":", from, true)
        if colon == nil then
          parts[#parts + 1] = string.sub(half, from)
          break
        end
        parts[#parts + 1] = string.sub(half, from, colon - 1)
        from = colon + 1
      end
      for p, part in ipairs(parts) do
        local last_of_address = h == #halves and p == #parts
        if string.find(part, ".", 1, true) ~= nil then
          if not last_of_address or v4_end(part, 1) ~= #part + 1 then return false end
          groups = groups + 2
          any_hex = true
        else
          if part == "" or #part > 4 then return false end
          groups = groups + 1
          any_hex = true
        end
      end
    end
  end
  if gap ~= nil then return any_hex and groups < 8 end
  return any_hex and groups == 8
end

local function find_ipv6(rule, value, out, index)
  local n = #value
  local colon = string.find(value, ":", 1, true)
  while colon ~= nil do
    local s = colon
    while s > 1 and is_v6(string.byte(value, s - 1)) do s = s - 1 end
    local e = colon
    while e <= n and is_v6(string.byte(value, e)) do e = e + 1 end
    local trimmed = e
    while trimmed > s and string.byte(value, trimmed - 1) == 46 do trimmed = trimmed - 1 end
    if trimmed - s >= 2 and string.byte(value, trimmed - 1) == 58
        and string.byte(value, trimmed - 2) ~= 58 then
      trimmed = trimmed - 1
    end
    local bounded = (s == 1 or not is_word(string.byte(value, s - 1)))
      and (e == n + 1 or not is_word(string.byte(value, e)))
    if bounded and v6_valid(string.sub(value, s, trimmed - 1)) then
      out[#out + 1] = {s, trimmed, index}
    end
    colon = string.find(value, ":", e, true)
  end
end

local FINDERS = {
  pattern = find_patterns,
  card = find_cards,
  ["aws-access-key"] = find_aws,
  bearer = find_bearer,
  email = find_emails,
  jwt = find_jwts,
  ["private-key"] = find_private_keys,
  ipv4 = find_ipv4,
  ipv6 = find_ipv6,
}

local function key_rule(label)
  local lower = string.lower(label)
  local last = string.match(lower, "%.([^%.]*)$")
  for _, rule in ipairs(RULES) do
    if rule.names ~= nil then
      if rule.names[lower] or (last ~= nil and rule.names[last]) then return rule end
    elseif rule.key_patterns ~= nil then
      local subject = label
      if rule.lower then subject = lower end
      for _, p in ipairs(rule.key_patterns) do
        if string.find(subject, p) ~= nil then return rule end
      end
    end
  end
  return nil
end

local function mask_value(label, value)
  local taken = key_rule(label)
  if taken ~= nil then return apply(taken, value) end
  if value == "" then return value end
  local found = {}
  for index, rule in ipairs(RULES) do
    local finder = FINDERS[rule.find]
    if finder ~= nil and (rule["in"] == nil or rule["in"][label]) then
      local before = #found
      finder(rule, value, found, index)
      for k = before + 1, #found do found[k][4] = k end
    end
  end
  if #found == 0 then return value end
  table.sort(found, function(x, y)
    if x[1] ~= y[1] then return x[1] < y[1] end
    if x[2] ~= y[2] then return x[2] > y[2] end
    return x[4] < y[4]
  end)
  local out, copied, last_end = {}, 1, 1
  for _, m in ipairs(found) do
    if m[1] >= last_end then
      out[#out + 1] = string.sub(value, copied, m[1] - 1)
      out[#out + 1] = apply(RULES[m[3]], string.sub(value, m[1], m[2] - 1))
      copied = m[2]
      last_end = m[2]
    end
  end
  out[#out + 1] = string.sub(value, copied)
  return table.concat(out)
end

local function mask_table(record, prefix)
  local changed = false
  for key, value in pairs(record) do
    if type(key) == "string" and not (prefix == "" and key == "kubernetes") then
      local label = key
      if prefix ~= "" then label = prefix .. "." .. key end
      if type(value) == "string" then
        local masked = mask_value(label, value)
        if masked ~= value then
          record[key] = masked
          changed = true
        end
      elseif type(value) == "table" then
        if mask_table(value, label) then changed = true end
      end
    end
  end
  return changed
end

-- Fluent Bit's entry point: 2 (record changed, timestamp kept) or 0 (unchanged).
function minato_mask(tag, timestamp, record)
  if mask_table(record, "") then return 2, timestamp, record end
  return 0, timestamp, record
end
