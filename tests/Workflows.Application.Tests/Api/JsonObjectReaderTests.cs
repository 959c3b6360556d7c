using System.Text.Json;
using Workflows.Application.Api;

namespace Workflows.Application.Tests.Api;

/// <summary>Strict reading of JSON objects: every wrong type, unknown and repeated member named by its path.</summary>
public sealed class JsonObjectReaderTests
{
    [Fact]
    public void Values_of_the_right_type_are_read_and_null_counts_as_absent()
    {
        var (reader, errors) = Open("""{"a":"x","n":12,"d":1450.25,"b":true,"on":"2026-11-02","o":{"k":"v"},"l":[1],"z":null}""");

        Assert.Equal("x", reader.Text("a"));
        Assert.Equal(12, reader.WholeNumber("n"));
        Assert.Equal(1450.25m, reader.Number("d"));
        Assert.True(reader.Flag("b"));
        Assert.Equal(new DateOnly(2026, 11, 2), reader.Date("on"));
        var nested = reader.Nested("o")!;
        Assert.Equal("v", nested.Text("k"));
        nested.Finish();
        Assert.Equal(1, reader.Array("l")!.Value.GetArrayLength());
        Assert.Null(reader.Text("z"));
        Assert.Null(reader.Text("missing"));
        reader.Finish();
        Assert.True(errors.IsEmpty);
    }

    [Fact]
    public void Wrong_types_unknown_and_repeated_members_are_each_named()
    {
        var (reader, errors) = Open("""{"a":1,"n":"12","f":1.5,"b":"true","on":"02-11-2026","o":[],"l":{},"dup":1,"dup":2,"extra":true,"o2":{"inner":1}}""");

        Assert.Null(reader.Text("a"));
        Assert.Null(reader.WholeNumber("n"));
        Assert.Null(reader.WholeNumber("f"));
        Assert.Null(reader.Flag("b"));
        Assert.Null(reader.Date("on"));
        Assert.Null(reader.Nested("o"));
        Assert.Null(reader.Array("l"));
        reader.WholeNumber("dup");
        reader.Nested("o2")!.Finish();
        reader.Finish();

        var all = errors.ToDictionary();
        Assert.Equal(["Must be a string."], all["a"]);
        Assert.Equal(["Must be a whole number."], all["n"]);
        Assert.Equal(["Must be a whole number."], all["f"]);
        Assert.Equal(["Must be true or false."], all["b"]);
        Assert.Equal([IsoDate.FormatMessage], all["on"]);
        Assert.Equal(["Must be a JSON object."], all["o"]);
        Assert.Equal(["Must be an array."], all["l"]);
        Assert.Equal(["Given more than once."], all["dup"]);
        Assert.Equal(["Unknown property."], all["extra"]);
        Assert.Equal(["Unknown property."], all["o2.inner"]);
    }

    [Fact]
    public void Member_names_are_case_sensitive()
    {
        var (reader, errors) = Open("""{"ExternalReference":"x"}""");

        Assert.Null(reader.Text("externalReference"));
        reader.Finish();

        Assert.True(errors.ToDictionary().ContainsKey("ExternalReference"));
    }

    [Fact]
    public void An_escaped_lone_surrogate_is_not_text()
    {
        var (reader, errors) = Open("""{"surname":"\uD800"}""");

        Assert.Null(reader.Text("surname"));

        Assert.Equal(["Must be valid Unicode text."], errors.ToDictionary()["surname"]);
    }

    [Fact]
    public void A_root_that_is_not_an_object_is_named_dollar()
    {
        var errors = new ValidationErrors();
        using var document = JsonDocument.Parse("[1,2]");

        Assert.Null(JsonObjectReader.Open(document.RootElement, string.Empty, errors));

        Assert.True(errors.ToDictionary().ContainsKey("$"));
    }

    [Fact]
    public void Validation_errors_can_be_renamed_and_are_capped()
    {
        var errors = new ValidationErrors(path => path.ToUpperInvariant());
        for (var i = 0; i < ValidationErrors.MaxMessages + 50; i++)
        {
            errors.Add($"f{i}", "Wrong.");
        }

        Assert.True(errors.Has("f0"));
        Assert.True(errors.Has($"f{ValidationErrors.MaxMessages + 10}"));
        Assert.Equal(ValidationErrors.MaxMessages, errors.Count);
        Assert.True(errors.ToDictionary().ContainsKey("F0"));
    }

    private static (JsonObjectReader Reader, ValidationErrors Errors) Open(string json)
    {
        var errors = new ValidationErrors();
        var document = JsonDocument.Parse(json);
        return (JsonObjectReader.Open(document.RootElement, string.Empty, errors)!, errors);
    }
}
