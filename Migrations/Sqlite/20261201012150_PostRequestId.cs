using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Forum.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class PostRequestId : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<Guid>(
                name: "RequestId",
                table: "Posts",
                type: "TEXT",
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_Posts_AuthorId_RequestId",
                table: "Posts",
                columns: new[] { "AuthorId", "RequestId" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Posts_AuthorId_RequestId",
                table: "Posts");

            migrationBuilder.DropColumn(
                name: "RequestId",
                table: "Posts");
        }
    }
}
