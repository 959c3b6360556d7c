using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Primitives;
using Workflows.Application.Pages;

namespace Workflows.Application.Tests.Pages;

/// <summary>A posted form becomes the API's JSON body, so pages pass the API's own validation.</summary>
public sealed class FormJsonTests
{
    [Fact]
    public void Paths_make_nested_objects_and_arrays_and_kinds_make_json_types()
    {
        var form = new FormCollection(new Dictionary<string, StringValues>
        {
            ["externalReference"] = " HUUR-1 ",
            ["tenants[0].surname"] = "Dijk",
            ["address.houseNumber"] = "12",
            ["arrears.amount"] = "1450,50",
            ["collectionSteps.pointedToDebtHelp"] = "true",
            ["address.houseNumberAddition"] = "",
            ["notAField"] = "ignored",
        });
        var json = FormJson.Build(form, [
            new("externalReference"), new("tenants[0].surname"), new("address.houseNumber", FieldKind.WholeNumber),
            new("address.houseNumberAddition"), new("arrears.amount", FieldKind.Amount), new("collectionSteps.pointedToDebtHelp", FieldKind.Boolean),
        ]);

        Assert.Equal(
            """{"externalReference":"HUUR-1","tenants":[{"surname":"Dijk"}],"address":{"houseNumber":12},"arrears":{"amount":1450.50},"collectionSteps":{"pointedToDebtHelp":true}}""",
            json.GetRawText());
    }

    [Fact]
    public void A_value_of_the_wrong_kind_stays_a_string_for_the_validator_to_refuse()
    {
        var form = new FormCollection(new Dictionary<string, StringValues> { ["reached"] = "misschien", ["months"] = "twee" });
        var json = FormJson.Build(form, [new("reached", FieldKind.Boolean), new("months", FieldKind.WholeNumber)], new Dictionary<string, System.Text.Json.Nodes.JsonNode?> { ["type"] = "contact-attempted" });
        Assert.Equal("""{"type":"contact-attempted","reached":"misschien","months":"twee"}""", json.GetRawText());
    }
}
