using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Forum.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class TextLengths : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // Nothing to change in SQLite (TEXT has no length). The model now leaves bodies and synopses unbounded and
            // sizes titles by the rule's hard cap in code units, so a provider that enforces lengths never refuses text
            // the rule allows (TextRules counts characters a reader sees, not code points).
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {

        }
    }
}
