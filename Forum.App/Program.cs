using Forum.App;
using Forum.Data;
using Forum.Data.Seeding;

var builder = WebApplication.CreateBuilder(args);
builder.UseTopLevelSettings();
builder.AddForumData();
builder.AddForumApp();

var app = builder.Build();
await app.Services.PrepareForumDatabaseAsync();
app.UseForum();
app.Run();

public partial class Program;
