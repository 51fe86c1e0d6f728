-- wrk script: pushes distinct JSON articles to ingest-service, so that every request is a new article (the full
-- path: validation, registry read, near-duplicate lookup, Kafka acknowledgement, registry writes).
local counter = 0
local thread_id = 0

function setup(thread)
  thread:set("id", thread_id)
  thread_id = thread_id + 1
end

function init(args)
  prefix = os.time() .. "-" .. id .. "-"
end

function request()
  counter = counter + 1
  local n = prefix .. counter
  local body = '{"title":"Load test article ' .. n .. '","source":"load",'
    .. '"text":"Article ' .. n .. ' about the council budget, the schools and the new tram line of the city.",'
    .. '"publishedAt":"2024-03-01T08:00:00+01:00","language":"en","tags":["load"]}'
  return wrk.format("POST", "/articles", {
    ["Content-Type"] = "application/json",
    ["Authorization"] = "Bearer " .. os.getenv("NEWSFLOW_API_KEY")
  }, body)
end
