using Forum.Data.Users;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace Forum.App.Components.Account;

/// <summary>
/// The one password check, for the login page and the API token endpoint alike. Its answer never tells whether a
/// name exists or an account is locked: every refusal is the same null, after about the same time (one password hash
/// is verified on every path), and wrong passwords count toward the account's lockout.
/// </summary>
public sealed class SignInService(UserManager<ForumUser> users, SignInManager<ForumUser> signIn, IOptions<IdentityOptions> options)
{
    private static string? _decoyHash;

    /// <summary>The one message for every refusal (unknown name, wrong password, locked account).</summary>
    public string Refusal
    {
        get
        {
            var lockout = options.Value.Lockout;
            return $"That user name or password is not right. After {lockout.MaxFailedAccessAttempts} failed attempts an account "
                + $"is locked for {lockout.DefaultLockoutTimeSpan.TotalMinutes:0} minutes.";
        }
    }

    /// <summary>The member whose name (or email) and password these are, or null for any kind of refusal.</summary>
    public async Task<ForumUser?> CheckPasswordAsync(string nameOrEmail, string password)
    {
        var name = nameOrEmail.Trim();
        // Members may type their email; user names cannot contain '@'.
        var user = name.Contains('@') ? await users.FindByEmailAsync(name) : await users.FindByNameAsync(name);
        if (user is null || await users.IsLockedOutAsync(user))
        {
            VerifyDecoy(user, password);
            return null;
        }
        var result = await signIn.CheckPasswordSignInAsync(user, password, lockoutOnFailure: true);
        return result.Succeeded ? user : null;
    }

    /// <summary>Spends what a real check spends, so the answer's timing does not tell an unknown or locked name apart.</summary>
    private void VerifyDecoy(ForumUser? user, string password)
    {
        var decoy = LazyInitializer.EnsureInitialized(ref _decoyHash,
            () => users.PasswordHasher.HashPassword(new ForumUser(), Convert.ToBase64String(Guid.NewGuid().ToByteArray())));
        users.PasswordHasher.VerifyHashedPassword(user ?? new ForumUser(), decoy, password);
    }
}
