using Microsoft.AspNetCore.Components;

namespace Forum.App.Components.Shared;

/// <summary>
/// A row or card that renders again only when what it shows changed. Records compare by value, so a list that
/// re-renders (a new comment, a page loaded) leaves its unchanged rows alone.
/// </summary>
public abstract class StableComponent : ComponentBase
{
    private object? _shown;

    /// <summary>Everything the markup depends on, as a value (a record, or a tuple of records and flags).</summary>
    protected abstract object State { get; }

    protected override bool ShouldRender() => !Equals(State, _shown);

    protected override void OnAfterRender(bool firstRender) => _shown = State;
}
