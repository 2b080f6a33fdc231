using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace Forum.Bench.Circuits.Client;

/// <summary>
/// Posts comments through the JSON API as one member. The API moves from the Identity cookie to Bearer tokens
/// (POST /api/auth/token): a writer asks for a token once and falls back to the member's cookie when the server
/// has no token endpoint, so the driver works before and after that change.
/// </summary>
public sealed class CommentWriter
{
    private readonly MemberClient _member;
    private readonly AuthenticationHeaderValue? _bearer;

    private CommentWriter(MemberClient member, AuthenticationHeaderValue? bearer) => (_member, _bearer) = (member, bearer);

    /// <summary>"Bearer" or "cookie": how this writer authenticates.</summary>
    public string Auth => _bearer is null ? "cookie" : "Bearer";

    public static async Task<CommentWriter> CreateAsync(MemberClient member, CancellationToken ct)
    {
        using var response = await member.Http.PostAsJsonAsync(new Uri(member.BaseUri, "/api/auth/token"),
            new { userName = member.UserName, password = member.Password }, ct);
        if (response.StatusCode == HttpStatusCode.OK)
        {
            using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync(ct));
            return new CommentWriter(member, new AuthenticationHeaderValue("Bearer", json.RootElement.GetProperty("access_token").GetString()));
        }
        // Only a server without the endpoint falls back; a refused login is an error worth stopping for.
        if (response.StatusCode is not (HttpStatusCode.NotFound or HttpStatusCode.MethodNotAllowed or HttpStatusCode.UnsupportedMediaType))
            throw new InvalidOperationException($"Token request for {member.UserName} failed: {(int)response.StatusCode}.");
        return new CommentWriter(member, null);
    }

    /// <summary>Posts a top-level comment; throws unless the server answers 201 Created.</summary>
    public async Task PostCommentAsync(int postId, string body, CancellationToken ct)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, $"/api/posts/{postId}/comments")
        {
            Content = JsonContent.Create(new { body, parentId = (int?)null, requestId = Guid.NewGuid() }),
        };
        if (_bearer is not null)
        {
            request.RequestUri = new Uri(_member.BaseUri, request.RequestUri!);
            request.Headers.Authorization = _bearer;
        }
        using var response = _bearer is null ? await _member.SendAsync(request, ct) : await _member.Http.SendAsync(request, ct);
        if (response.StatusCode != HttpStatusCode.Created)
            throw new InvalidOperationException($"Comment on post {postId} by {_member.UserName}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync(ct)}");
    }
}
