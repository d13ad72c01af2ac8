-- The add/remove cycle of the watchlist: POST /api/user-movies/ then DELETE /api/user-movies/{id}/, over and
-- over. Run with as many threads as connections (-tN -cN): each thread then owns one connection and one
-- movie (from the comma-separated MOVIES), so its requests strictly alternate and never race each other.
local threads = 0
function setup(thread)
  threads = threads + 1
  thread:set("slot", threads)
end

local movie, row, adding
function init()
  local movies = {}
  for tconst in string.gmatch(os.getenv("MOVIES"), "[^,]+") do movies[#movies + 1] = tconst end
  movie = movies[(slot - 1) % #movies + 1]
  adding = true
end

function request()
  local headers = {["Authorization"] = "Bearer " .. os.getenv("TOKEN"), ["Content-Type"] = "application/json"}
  if adding or not row then
    return wrk.format("POST", "/api/user-movies/", headers, '{"tconst":"' .. movie .. '"}')
  end
  return wrk.format("DELETE", "/api/user-movies/" .. row .. "/", headers)
end

function response(status, headers, body)
  if adding then row = string.match(body, '^{"id":(%d+)') end
  adding = not adding
end
