using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Section11.Migrations.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class PanelOutcomeGrades : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "PanelOutcomeGrades",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    PanelOutcomeId = table.Column<int>(type: "integer", nullable: false),
                    StandardNumber = table.Column<int>(type: "integer", nullable: false),
                    Grade = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false),
                    Note = table.Column<string>(type: "character varying(10000)", maxLength: 10000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PanelOutcomeGrades", x => x.Id);
                    table.ForeignKey(
                        name: "FK_PanelOutcomeGrades_PanelOutcomes_PanelOutcomeId",
                        column: x => x.PanelOutcomeId,
                        principalTable: "PanelOutcomes",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_PanelOutcomeGrades_PanelOutcomeId_StandardNumber",
                table: "PanelOutcomeGrades",
                columns: new[] { "PanelOutcomeId", "StandardNumber" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "PanelOutcomeGrades");
        }
    }
}
