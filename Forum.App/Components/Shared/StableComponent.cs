using Microsoft.AspNetCore.Components;

namespace Forum.App.Components.Shared;

/// <summary>
/// A row or card that renders again only when what it shows changed. Records compare by value, so a list that
/// re-renders (a new comment, a page loaded, a refresh) leaves its unchanged rows alone, and each row keeps one
/// render buffer instead of two.
/// </summary>
public abstract class StableComponent : ComponentBase
{
    private object? _shown;

    /// <summary>Everything the markup depends on, as a value (a record, or a tuple of records and flags).</summary>
    protected abstract object State { get; }

    /// <summary>The first render always happens and shows the first parameters; derived classes call base.</summary>
    protected override void OnInitialized() => _shown = State;

    protected override bool ShouldRender()
    {
        var state = State;
        if (Equals(state, _shown)) return false;
        _shown = state;
        return true;
    }
}
