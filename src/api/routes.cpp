#include "api/routes.hpp"

#include "api/handlers.hpp"
#include "service/list_import.hpp"

namespace myvod::api {

namespace {
constexpr const char* kUserMoviesFailure = "A database error occurred. Please try again later.";
}  // namespace

Router make_router() {
  using http::Access;
  using verb = http::bhttp::verb;
  return Router({
      {verb::get, "/healthz", Access::none, {health}},
      {verb::get, "/metrics", Access::none, {expose_metrics}},
      {verb::get, "/api/schema/", Access::none, {get_openapi_schema}},
      {verb::get, "/api/docs/", Access::none, {get_api_docs}},
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
      {verb::post, "/api/me/logout-all/", Access::user, {log_out_everywhere}},
      {verb::get, "/api/me/preferences/", Access::user, {get_preferences}},
      {verb::patch, "/api/me/preferences/", Access::user, {update_preferences}},
      {verb::post, "/api/mail/confirm/", Access::none, {confirm_mail_address}},
      {verb::post, "/api/mail/unsubscribe/", Access::none, {unsubscribe_from_mail}},
      {verb::post, "/api/password-reset/", Access::none, {request_password_reset}},
      {verb::post, "/api/password-reset/validate_token/", Access::none, {validate_reset_token}},
      {verb::post, "/api/password-reset/confirm/", Access::none, {confirm_password_reset}},
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
      {verb::post, "/api/imports/", Access::user, {import_list}},
      {verb::post, "/api/imports/resolve/", Access::user, {resolve_import}},
      {verb::get, "/api/exports/ratings.csv", Access::user, {export_ratings}},
      {verb::get, "/api/exports/watchlist.csv", Access::user, {export_watchlist}},
      {verb::get, "/api/exports/my-data.json", Access::user, {export_my_data}},
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
      {verb::get,
       "/admin/analytics/api/metrics/",
       Access::staff,
       {get_metrics, "error", "Failed to calculate metrics"}},
      {verb::get,
       "/admin/analytics/api/top-movies/",
       Access::staff,
       {get_top_movies, "error", "Failed to get top movies"}},
      {verb::get,
       "/admin/analytics/api/top-movies/export.csv",
       Access::staff,
       {export_top_movies, "error", "Failed to export top movies"}},
      {verb::get,
       "/admin/analytics/api/error-logs/",
       Access::staff,
       {list_error_logs, "error", "Failed to get error logs"}},
      {verb::get,
       "/admin/analytics/api/error-logs/export.csv",
       Access::staff,
       {export_error_logs, "error", "Failed to export error logs"}},
  });
}

std::vector<std::pair<std::string, size_t>> upload_body_limits() {
  return {{"/api/imports/", service::kImportUploadLimit}};
}

}  // namespace myvod::api
