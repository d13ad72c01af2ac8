-- Adds the bearer token from the TOKEN environment variable to every request.
wrk.headers["Authorization"] = "Bearer " .. os.getenv("TOKEN")
