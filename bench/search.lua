-- GET /api/movies/?search= with 1-3 word queries cut from real catalog titles (one title per line in the
-- file TITLES), half of them with a typo (a letter dropped, doubled or swapped), drawn at random.
local queries = {}

local function typo(word)
  if #word < 4 then return word end
  local at = math.random(2, #word - 1)
  local kind = math.random(3)
  if kind == 1 then return word:sub(1, at - 1) .. word:sub(at + 1) end
  if kind == 2 then return word:sub(1, at) .. word:sub(at) end
  return word:sub(1, at - 1) .. word:sub(at + 1, at + 1) .. word:sub(at, at) .. word:sub(at + 2)
end

local function encode(text)
  return (text:gsub("[^%w%-%._~]", function(c) return string.format("%%%02X", string.byte(c)) end))
end

function init(args)
  math.randomseed(os.time() + (args[1] and tonumber(args[1]) or 0))
  for title in io.lines(os.getenv("TITLES")) do
    local words = {}
    for word in title:gmatch("%S+") do words[#words + 1] = word end
    if #words > 0 then
      local count = math.min(#words, math.random(3))
      local first = math.random(#words - count + 1)
      local picked = {}
      for i = first, first + count - 1 do picked[#picked + 1] = words[i] end
      if math.random(2) == 1 then
        local which = math.random(#picked)
        picked[which] = typo(picked[which])
      end
      queries[#queries + 1] = "/api/movies/?search=" .. encode(table.concat(picked, " "))
    end
  end
end

function request()
  return wrk.format("GET", queries[math.random(#queries)])
end
