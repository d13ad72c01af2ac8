#pragma once
// Every handler of the API, one source file per resource.

#include <boost/asio/awaitable.hpp>

#include "api/call.hpp"
#include "http/message.hpp"

namespace myvod::api {

using Handled = boost::asio::awaitable<http::Response>;

// accounts.cpp
Handled register_account(Call& call);

// tokens.cpp
Handled obtain_token(Call& call);
Handled refresh_token(Call& call);
Handled verify_token(Call& call);

// password_reset.cpp
Handled request_password_reset(Call& call);
Handled validate_reset_token(Call& call);
Handled confirm_password_reset(Call& call);

// preferences.cpp
Handled get_preferences(Call& call);
Handled update_preferences(Call& call);

// mail_links.cpp
Handled confirm_mail_address(Call& call);
Handled unsubscribe_from_mail(Call& call);

// me.cpp
Handled get_profile(Call& call);
Handled update_profile(Call& call);
Handled delete_account(Call& call);
Handled change_password(Call& call);
Handled log_out_everywhere(Call& call);

// platforms.cpp
Handled list_platforms(Call& call);

// movies.cpp
Handled search_movies(Call& call);
Handled list_genres(Call& call);

// user_movies.cpp
Handled list_user_movies(Call& call);
Handled add_user_movie(Call& call);
Handled get_user_movie(Call& call);
Handled update_user_movie(Call& call);
Handled remove_user_movie(Call& call);

// imports.cpp
Handled import_list(Call& call);
Handled resolve_import(Call& call);

// exports.cpp
Handled export_ratings(Call& call);
Handled export_watchlist(Call& call);
Handled export_my_data(Call& call);

// on_vod.cpp
Handled list_on_vod_movies(Call& call);

// admin_jobs.cpp
Handled list_job_runs(Call& call);

// admin_analytics.cpp
Handled get_metrics(Call& call);
Handled get_top_movies(Call& call);
Handled export_top_movies(Call& call);
Handled list_error_logs(Call& call);
Handled export_error_logs(Call& call);

// admin_tasks.cpp
Handled trigger_availability_sync(Call& call);

// notifications.cpp
Handled list_notifications(Call& call);
Handled count_unread_notifications(Call& call);
Handled mark_notifications_read(Call& call);

// suggestions.cpp
Handled get_suggestions(Call& call);

// config.cpp
Handled get_config(Call& call);

// health.cpp
Handled health(Call& call);

// metrics.cpp
Handled expose_metrics(Call& call);

// api_docs.cpp
Handled get_openapi_schema(Call& call);
Handled get_api_docs(Call& call);

}  // namespace myvod::api
