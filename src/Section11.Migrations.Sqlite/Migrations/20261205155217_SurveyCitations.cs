using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Section11.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class SurveyCitations : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "SurveyQuestionId",
                table: "ReviewAnswers",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "SurveyQuestionId",
                table: "PlanActions",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_ReviewAnswers_SurveyQuestionId",
                table: "ReviewAnswers",
                column: "SurveyQuestionId");

            migrationBuilder.CreateIndex(
                name: "IX_PlanActions_SurveyQuestionId",
                table: "PlanActions",
                column: "SurveyQuestionId");

            migrationBuilder.AddForeignKey(
                name: "FK_PlanActions_SurveyQuestions_SurveyQuestionId",
                table: "PlanActions",
                column: "SurveyQuestionId",
                principalTable: "SurveyQuestions",
                principalColumn: "Id",
                onDelete: ReferentialAction.Restrict);

            migrationBuilder.AddForeignKey(
                name: "FK_ReviewAnswers_SurveyQuestions_SurveyQuestionId",
                table: "ReviewAnswers",
                column: "SurveyQuestionId",
                principalTable: "SurveyQuestions",
                principalColumn: "Id",
                onDelete: ReferentialAction.Restrict);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_PlanActions_SurveyQuestions_SurveyQuestionId",
                table: "PlanActions");

            migrationBuilder.DropForeignKey(
                name: "FK_ReviewAnswers_SurveyQuestions_SurveyQuestionId",
                table: "ReviewAnswers");

            migrationBuilder.DropIndex(
                name: "IX_ReviewAnswers_SurveyQuestionId",
                table: "ReviewAnswers");

            migrationBuilder.DropIndex(
                name: "IX_PlanActions_SurveyQuestionId",
                table: "PlanActions");

            migrationBuilder.DropColumn(
                name: "SurveyQuestionId",
                table: "ReviewAnswers");

            migrationBuilder.DropColumn(
                name: "SurveyQuestionId",
                table: "PlanActions");
        }
    }
}
