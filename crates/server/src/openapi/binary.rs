//! A body that is a file's bytes rather than JSON (uploads, downloads), as OpenAPI tools
//! expect it: `{"type": "string", "format": "binary"}`. utoipa writes `Vec<u8>` as an array of
//! integers, which is what serde would make of it, not what goes over the wire.

use utoipa::{
    PartialSchema, ToSchema,
    openapi::{KnownFormat, ObjectBuilder, RefOr, Schema, SchemaFormat, Type},
};

/// Listed as `body = inline(Binary)` or `content = inline(Binary)`; never constructed.
pub struct Binary;

impl PartialSchema for Binary {
    fn schema() -> RefOr<Schema> {
        ObjectBuilder::new()
            .schema_type(Type::String)
            .format(Some(SchemaFormat::KnownFormat(KnownFormat::Binary)))
            .into()
    }
}

impl ToSchema for Binary {}
