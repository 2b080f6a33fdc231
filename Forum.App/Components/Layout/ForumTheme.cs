using MudBlazor;

namespace Forum.App.Components.Layout;

public static class ForumTheme
{
    /// <summary>System fonts only: the forum ships no web fonts and loads nothing from a CDN.</summary>
    public static readonly MudTheme Theme = new()
    {
        PaletteLight = new PaletteLight { Primary = "#3f3d8f", Secondary = "#c2185b", AppbarBackground = "#2e2c6e" },
        Typography = new Typography
        {
            Default = new DefaultTypography { FontFamily = ["system-ui", "-apple-system", "Segoe UI", "Roboto", "Helvetica Neue", "Arial", "sans-serif"] },
        },
    };
}
