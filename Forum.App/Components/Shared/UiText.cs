namespace Forum.App.Components.Shared;

public static class UiText
{
    public const string Unexpected = "Something went wrong on our side. Your text is still here: please try again in a moment.";
}
