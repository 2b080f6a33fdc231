using Microsoft.AspNetCore.Identity;

namespace Forum.App.Components.Account;

/// <summary>
/// Identity's refusals in plain words, each meant to sit beside the field it is about. A taken email is not called
/// taken: user names are public on a forum, email addresses are not.
/// </summary>
public sealed class ForumIdentityErrors : IdentityErrorDescriber
{
    public override IdentityError PasswordTooShort(int length) => Error(nameof(PasswordTooShort), $"Use at least {length} characters.");
    public override IdentityError PasswordRequiresUpper() => Error(nameof(PasswordRequiresUpper), "Add a capital letter.");
    public override IdentityError PasswordRequiresLower() => Error(nameof(PasswordRequiresLower), "Add a lower-case letter.");
    public override IdentityError PasswordRequiresDigit() => Error(nameof(PasswordRequiresDigit), "Add a digit (0–9).");
    public override IdentityError PasswordRequiresNonAlphanumeric() =>
        Error(nameof(PasswordRequiresNonAlphanumeric), "Add a symbol, such as ! or -.");
    public override IdentityError PasswordRequiresUniqueChars(int uniqueChars) =>
        Error(nameof(PasswordRequiresUniqueChars), $"Use at least {uniqueChars} different characters.");
    public override IdentityError DuplicateUserName(string userName) => Error(nameof(DuplicateUserName), "That user name is taken. Choose another.");
    public override IdentityError InvalidUserName(string? userName) =>
        Error(nameof(InvalidUserName), "Use only letters, digits, '.', '_' or '-'.");
    public override IdentityError DuplicateEmail(string email) =>
        Error(nameof(DuplicateEmail), "That email cannot be used for a new account.");
    public override IdentityError InvalidEmail(string? email) => Error(nameof(InvalidEmail), "That does not look like an email address.");

    /// <summary>The registration field an error belongs beside, or null for an error about the whole form.</summary>
    public static string? FieldOf(IdentityError error) => error.Code switch
    {
        _ when error.Code.StartsWith("Password", StringComparison.Ordinal) => "Password",
        nameof(DuplicateUserName) or nameof(InvalidUserName) => "UserName",
        nameof(DuplicateEmail) or nameof(InvalidEmail) => "Email",
        _ => null,
    };

    /// <summary>The password rules as a hint, written from the configured options so the hint cannot drift from the check.</summary>
    public static string Describe(PasswordOptions rules)
    {
        var needs = new List<string>();
        if (rules.RequireUppercase) needs.Add("a capital letter");
        if (rules.RequireLowercase) needs.Add("a lower-case letter");
        if (rules.RequireDigit) needs.Add("a digit");
        if (rules.RequireNonAlphanumeric) needs.Add("a symbol");
        var list = needs.Count < 2 ? string.Concat(needs) : string.Join(", ", needs[..^1]) + " and " + needs[^1];
        return needs.Count == 0 ? $"At least {rules.RequiredLength} characters." : $"At least {rules.RequiredLength} characters, with {list}.";
    }

    private static IdentityError Error(string code, string description) => new() { Code = code, Description = description };
}
