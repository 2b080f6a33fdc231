using Forum.Data;

namespace Forum.Tests.Data.Postgres;

// The service tests again, each class on a private PostgreSQL database (TestSupport/Postgres): the same rules, counters,
// paging, races and events must hold on both engines. Only the SQLite query-plan tests (EXPLAIN QUERY PLAN) stay out.

public sealed class ChatDeletePostgresTests : Forum.Tests.Data.Chat.ChatDeleteTests { protected override DataProvider Provider => DataProvider.Postgres; }

public sealed class ChatDirectPostgresTests : Forum.Tests.Data.Chat.ChatDirectTests { protected override DataProvider Provider => DataProvider.Postgres; }

public sealed class ChatFloodRulesPostgresTests : Forum.Tests.Data.Chat.ChatFloodRulesTests { protected override DataProvider Provider => DataProvider.Postgres; }

public sealed class ChatHistoryPostgresTests : Forum.Tests.Data.Chat.ChatHistoryTests { protected override DataProvider Provider => DataProvider.Postgres; }

public sealed class ChatIgnorePostgresTests : Forum.Tests.Data.Chat.ChatIgnoreTests { protected override DataProvider Provider => DataProvider.Postgres; }

public sealed class ChatNotificationPostgresTests : Forum.Tests.Data.Chat.ChatNotificationTests { protected override DataProvider Provider => DataProvider.Postgres; }

public sealed class ChatPresencePostgresTests : Forum.Tests.Data.Chat.ChatPresenceTests { protected override DataProvider Provider => DataProvider.Postgres; }

public sealed class ChatPrivacyPostgresTests : Forum.Tests.Data.Chat.ChatPrivacyTests { protected override DataProvider Provider => DataProvider.Postgres; }

public sealed class ChatSendRulesPostgresTests : Forum.Tests.Data.Chat.ChatSendRulesTests { protected override DataProvider Provider => DataProvider.Postgres; }

public sealed class CommentEditServicePostgresTests : Forum.Tests.Data.Comments.CommentEditServiceTests { protected override DataProvider Provider => DataProvider.Postgres; }

public sealed class CommentWriterPostgresTests : Forum.Tests.Data.Comments.CommentWriterTests { protected override DataProvider Provider => DataProvider.Postgres; }

public sealed class CommentQueriesPostgresTests : Forum.Tests.Data.Comments.CommentQueriesTests { protected override DataProvider Provider => DataProvider.Postgres; }

public sealed class CommentServiceEventsPostgresTests : Forum.Tests.Data.Comments.CommentServiceEventsTests { protected override DataProvider Provider => DataProvider.Postgres; }

public sealed class CommentServiceReadingPostgresTests : Forum.Tests.Data.Comments.CommentServiceReadingTests { protected override DataProvider Provider => DataProvider.Postgres; }

public sealed class CommentServiceRepeatPostgresTests : Forum.Tests.Data.Comments.CommentServiceRepeatTests { protected override DataProvider Provider => DataProvider.Postgres; }

public sealed class CommentServiceRulesPostgresTests : Forum.Tests.Data.Comments.CommentServiceRulesTests { protected override DataProvider Provider => DataProvider.Postgres; }

public sealed class CommentServicePostgresTests : Forum.Tests.Data.Comments.CommentServiceTests { protected override DataProvider Provider => DataProvider.Postgres; }

public sealed class CommentServiceTextPostgresTests : Forum.Tests.Data.Comments.CommentServiceTextTests { protected override DataProvider Provider => DataProvider.Postgres; }

public sealed class NotificationAddedPostgresTests : Forum.Tests.Data.Comments.NotificationAddedTests { protected override DataProvider Provider => DataProvider.Postgres; }

public sealed class MessageServiceOwnReadPostgresTests : Forum.Tests.Data.Messages.MessageServiceOwnReadTests { protected override DataProvider Provider => DataProvider.Postgres; }

public sealed class MessageServicePagingPostgresTests : Forum.Tests.Data.Messages.MessageServicePagingTests { protected override DataProvider Provider => DataProvider.Postgres; }

public sealed class MessageServicePostgresTests : Forum.Tests.Data.Messages.MessageServiceTests { protected override DataProvider Provider => DataProvider.Postgres; }

public sealed class UnreadCounterConcurrencyPostgresTests : Forum.Tests.Data.Messages.UnreadCounterConcurrencyTests { protected override DataProvider Provider => DataProvider.Postgres; }

public sealed class PostQueriesPostgresTests : Forum.Tests.Data.Posts.PostQueriesTests { protected override DataProvider Provider => DataProvider.Postgres; }

public sealed class PostServiceEditPostgresTests : Forum.Tests.Data.Posts.PostServiceEditTests { protected override DataProvider Provider => DataProvider.Postgres; }

public sealed class PostServiceRepeatPostgresTests : Forum.Tests.Data.Posts.PostServiceRepeatTests { protected override DataProvider Provider => DataProvider.Postgres; }

public sealed class PostServicePostgresTests : Forum.Tests.Data.Posts.PostServiceTests { protected override DataProvider Provider => DataProvider.Postgres; }

public sealed class PostServiceTextPostgresTests : Forum.Tests.Data.Posts.PostServiceTextTests { protected override DataProvider Provider => DataProvider.Postgres; }

public sealed class SessionServicePostgresTests : Forum.Tests.Data.Sessions.SessionServiceTests { protected override DataProvider Provider => DataProvider.Postgres; }

public sealed class AccountStandingPostgresTests : Forum.Tests.Data.Users.AccountStandingTests { protected override DataProvider Provider => DataProvider.Postgres; }

public sealed class ChatDirectRacePostgresTests : Forum.Tests.Data.Chat.ChatDirectRaceTests { protected override DataProvider Provider => DataProvider.Postgres; }

public sealed class ContentModerationPostgresTests : Forum.Tests.Data.Moderation.ContentModerationTests { protected override DataProvider Provider => DataProvider.Postgres; }

public sealed class ReportServicePostgresTests : Forum.Tests.Data.Moderation.ReportServiceTests { protected override DataProvider Provider => DataProvider.Postgres; }

public sealed class MemberModerationPostgresTests : Forum.Tests.Data.Moderation.MemberModerationTests { protected override DataProvider Provider => DataProvider.Postgres; }
