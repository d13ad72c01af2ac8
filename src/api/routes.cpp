#include "api/routes.hpp"

#include "api/handlers.hpp"

namespace myvod::api {

namespace {
constexpr const char* kUserMoviesFailure = "A database error occurred. Please try again later.";
}  // namespace

Router make_router() {
  using http::Access;
  using verb = http::bhttp::verb;
  return Router({
      {verb::get, "/healthz", Access::none, {health}},
      {verb::get, "/api/config/", Access::anyone, {get_config}},
      {verb::post,
       "/api/register/",
       Access::anyone,
       {register_account, "error", "An error occurred while creating your account. Please try again later."}},
      {verb::post, "/api/token/", Access::anyone, {obtain_token}},
      {verb::post, "/api/token/refresh/", Access::anyone, {refresh_token}},
      {verb::post, "/api/token/verify/", Access::anyone, {verify_token}},
      {verb::get,
       "/api/me/",
       Access::user,
       {get_profile, "error", "An error occurred while retrieving your profile. Please try again later."}},
      {verb::patch,
       "/api/me/",
       Access::user,
       {update_profile, "error", "An error occurred while updating your profile. Please try again later."}},
      {verb::delete_,
       "/api/me/",
       Access::user,
       {delete_account, "error", "An error occurred while deleting your account. Please try again later."}},
      {verb::post,
       "/api/me/change-password/",
       Access::user,
       {change_password, "error", "An error occurred while changing password. Please try again later."}},
      {verb::get,
       "/api/platforms/",
       Access::anyone,
       {list_platforms, "error", "An error occurred while retrieving platforms. Please try again later."}},
      {verb::get,
       "/api/movies/",
       Access::anyone,
       {search_movies, "error", "An error occurred while searching for movies. Please try again later."}},
      {verb::get,
       "/api/movies/genres/",
       Access::anyone,
       {list_genres, "error", "An error occurred while retrieving genres."}},
      {verb::get, "/api/user-movies/", Access::user, {list_user_movies, "detail", kUserMoviesFailure}},
      {verb::post, "/api/user-movies/", Access::user, {add_user_movie, "detail", kUserMoviesFailure}},
      {verb::get, "/api/user-movies/{id}/", Access::user, {get_user_movie, "detail", kUserMoviesFailure}},
      {verb::patch,
       "/api/user-movies/{id}/",
       Access::user,
       {update_user_movie, "detail", kUserMoviesFailure}},
      {verb::delete_,
       "/api/user-movies/{id}/",
       Access::user,
       {remove_user_movie, "detail", kUserMoviesFailure}},
      {verb::get, "/api/on-vod-movies/", Access::user, {list_on_vod_movies, "detail", kUserMoviesFailure}},
      {verb::get,
       "/api/suggestions/",
       Access::user,
       {get_suggestions, "error", "An error occurred while generating suggestions. Please try again later."}},
      {verb::get, "/api/notifications/", Access::user, {list_notifications}},
      {verb::get, "/api/notifications/unread-count/", Access::user, {count_unread_notifications}},
      {verb::post, "/api/notifications/mark-read/", Access::user, {mark_notifications_read}},
      {verb::get, "/api/admin/jobs/", Access::staff, {list_job_runs}},
      {verb::post, "/api/admin/tasks/trigger-availability-sync/", Access::staff, {trigger_availability_sync}},
  });
}

}  // namespace myvod::api
