using Microsoft.AspNetCore.Components.Forms;
using Microsoft.AspNetCore.Components.Rendering;

namespace Forum.App.Components.Account;

/// <summary>
/// A password field that never writes its value into the page: after a refused submit the member types it again,
/// and the password does not sit in the HTML (caches, saved pages, shoulder-surfing through view-source).
/// </summary>
public sealed class PasswordInput : InputText
{
    protected override void BuildRenderTree(RenderTreeBuilder builder)
    {
        builder.OpenElement(0, "input");
        builder.AddMultipleAttributes(1, AdditionalAttributes);
        builder.AddAttribute(2, "type", "password");
        builder.AddAttribute(3, "name", NameAttributeValue);
        builder.AddAttribute(4, "class", CssClass);
        builder.CloseElement();
    }
}
