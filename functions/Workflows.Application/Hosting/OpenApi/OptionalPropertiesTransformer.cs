using System.Reflection;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Workflows.Application.Hosting.OpenApi;

/// <summary>
/// A nullable property is not <c>required</c>. The generator marks every record parameter required, yet a request may
/// leave out what its record types as nullable (<c>note?</c>), and answers leave out null fields marked
/// <c>JsonIgnore(WhenWritingNull)</c> (a signal's <c>closedAt</c>), so clients must not insist on them.
/// </summary>
internal sealed class OptionalPropertiesTransformer : IOpenApiSchemaTransformer
{
    private readonly NullabilityInfoContext _nullability = new();

    public Task TransformAsync(OpenApiSchema schema, OpenApiSchemaTransformerContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(schema);
        ArgumentNullException.ThrowIfNull(context);
        if (schema.Required is not { Count: > 0 } required)
        {
            return Task.CompletedTask;
        }

        foreach (var property in context.JsonTypeInfo.Properties)
        {
            if (IsNullable(property.PropertyType, property.AttributeProvider))
            {
                required.Remove(property.Name);
            }
        }

        return Task.CompletedTask;
    }

    private bool IsNullable(Type type, ICustomAttributeProvider? member)
    {
        if (Nullable.GetUnderlyingType(type) is not null)
        {
            return true;
        }

        lock (_nullability)
        {
            return member switch
            {
                PropertyInfo property => _nullability.Create(property).ReadState == NullabilityState.Nullable,
                FieldInfo field => _nullability.Create(field).ReadState == NullabilityState.Nullable,
                _ => false,
            };
        }
    }
}
