'use strict';
({ id: 93, ids: [93], modules: {

/***/ 93:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   compileJsonSchema: () => (/* binding */ compileJsonSchema),
/* harmony export */   firstSchemaError: () => (/* binding */ firstSchemaError),
/* harmony export */   jsonSchemaProblem: () => (/* binding */ jsonSchemaProblem)
/* harmony export */ });
/* harmony import */ var ajv__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(2463);
/* harmony import */ var ajv__WEBPACK_IMPORTED_MODULE_3___default = /*#__PURE__*/__webpack_require__.n(ajv__WEBPACK_IMPORTED_MODULE_3__);
/* harmony import */ var ajv_dist_2019_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(878);
/* harmony import */ var ajv_dist_2019_js__WEBPACK_IMPORTED_MODULE_2___default = /*#__PURE__*/__webpack_require__.n(ajv_dist_2019_js__WEBPACK_IMPORTED_MODULE_2__);
/* harmony import */ var ajv_dist_2020_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(2210);
/* harmony import */ var ajv_dist_2020_js__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(ajv_dist_2020_js__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var ajv_formats__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(2815);
/* harmony import */ var ajv_formats__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(ajv_formats__WEBPACK_IMPORTED_MODULE_0__);




const validators = new Map();
/**
 * One Ajv per draft, made on first use (building one with its formats takes tens of ms).
 * Unknown keywords and formats are errors (a typo must not accept everything); the stricter
 * type and tuple checks, which reject many valid hand-written schemas, are off. Compiled
 * schemas are not registered by $id, so two scorers may share one without colliding.
 */
function validator(draft) {
    let ajv = validators.get(draft);
    if (!ajv) {
        const options = { strictSchema: true, strictNumbers: true, strictTypes: false, strictTuples: false, strictRequired: false, allErrors: false, addUsedSchema: false };
        ajv = draft === '2020-12' ? new ajv_dist_2020_js__WEBPACK_IMPORTED_MODULE_1__.Ajv2020(options) : draft === '2019-09' ? new ajv_dist_2019_js__WEBPACK_IMPORTED_MODULE_2__.Ajv2019(options) : new ajv__WEBPACK_IMPORTED_MODULE_3__.Ajv(options);
        ajv_formats__WEBPACK_IMPORTED_MODULE_0___default()(ajv);
        validators.set(draft, ajv);
    }
    return ajv;
}
/**
 * JSON Schema validation with Ajv: the schema's own `$schema` picks the draft (2020-12, 2019-09,
 * otherwise draft-07, which also reads draft-06 schemas). A misspelt keyword (`requried`) is a
 * configuration error rather than a schema that accepts everything.
 */
function compileJsonSchema(schema) {
    const declared = typeof schema.$schema === 'string' ? schema.$schema : '';
    if (/draft-0[34]\b/.test(declared))
        return `JSON Schema ${declared} is not supported; use draft-07, 2019-09 or 2020-12`;
    const ajv = validator(declared.includes('2020-12') ? '2020-12' : declared.includes('2019-09') ? '2019-09' : 'draft-07');
    try {
        return ajv.compile(schema);
    }
    catch (error) {
        return `not a usable JSON Schema: ${error.message}`;
    }
}
/** What is wrong with a schema as a scorer would use it, or undefined when it compiles. */
function jsonSchemaProblem(schema) {
    const compiled = compileJsonSchema(schema);
    return typeof compiled === 'string' ? compiled : undefined;
}
/** The first validation error as one line: `/items/0/price: must be number`. */
function firstSchemaError(errors) {
    const first = errors?.[0];
    if (!first)
        return 'does not match the schema';
    return `${first.instancePath || '(top level)'}: ${first.message ?? 'does not match'}`;
}


/***/ })

} })
