'use strict';
({ id: 894, ids: [894], modules: {

/***/ 71894:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   SM: () => (/* binding */ readAgentAnswer),
/* harmony export */   r1: () => (/* binding */ agentClient)
/* harmony export */ });
/* unused harmony export agentUrl */
/* harmony import */ var _formats__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(34529);
/* harmony import */ var _formats_steps__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(48287);
/* harmony import */ var _post__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(77133);




/** Where requests go for this endpoint config and (template-filled) URL: e.g. /invocations or /serving-endpoints/{name}/\u2026. */
function agentUrl(endpoint, url, inputColumn = 'input') {
    const { module, settings } = resolveFormat(endpoint, inputColumn);
    return module.url(url, settings);
}
/** The agent under evaluation, spoken to in its endpoint format, with retries and the rate limit. */
function agentClient(options) {
    const { endpoint, clock } = options;
    const { module, settings } = (0,_formats__WEBPACK_IMPORTED_MODULE_0__/* .resolveFormat */ .ey)(endpoint, options.inputColumn);
    const url = module.url(options.url, settings);
    const target = {
        url,
        headers: endpoint.headers,
        timeoutMs: endpoint.timeout,
        retries: endpoint.retries,
        maxResponseBytes: endpoint.max_response_size,
        maxResponseSetting: 'evaluate.endpoint.max_response_size',
    };
    return {
        url,
        inputProblem: (input) => module.inputProblem(input, settings),
        async ask(input, signal) {
            const body = { ...endpoint.extra_body, ...module.body(input, settings) };
            const answer = await (0,_post__WEBPACK_IMPORTED_MODULE_2__/* .postJson */ .B2)(target, body, 'agent endpoint', { clock, limiter: options.limiter, signal, random: options.random });
            return { ...readAgentAnswer(module, settings, answer.json, options.toolOnlyReplies === true), latencyMs: answer.elapsedMs };
        },
    };
}
/**
 * An agent's response body read in its format: the text, the steps, the usage and the model.
 * Throws UnreadableResponseError for a body the format cannot read; with toolOnlyReplies, a
 * reply of tool calls alone is read with empty text instead.
 */
function readAgentAnswer(module, settings, json, toolOnlyReplies) {
    const steps = module.steps(json);
    const usage = (0,_formats_steps__WEBPACK_IMPORTED_MODULE_1__/* .usageOf */ .Fs)(json);
    const model = (0,_formats_steps__WEBPACK_IMPORTED_MODULE_1__/* .modelOf */ .DM)(json);
    return { text: answerText(() => module.text(json, settings), steps, toolOnlyReplies), raw: json, steps, ...(usage ? { usage } : {}), ...(model ? { model } : {}) };
}
/**
 * A reply of tool calls alone is an answer (its text is empty) when the evaluation looks at tool
 * calls; otherwise it is unreadable, and the message says it was calls, not a wrong format.
 */
function answerText(read, steps, toolOnlyReplies) {
    try {
        return read();
    }
    catch (error) {
        const calls = steps.filter((s) => s.kind === 'call').map((s) => s.name);
        if (!(error instanceof _post__WEBPACK_IMPORTED_MODULE_2__/* .UnreadableResponseError */ .dU) || calls.length === 0)
            throw error;
        if (toolOnlyReplies)
            return '';
        throw new _post__WEBPACK_IMPORTED_MODULE_2__/* .UnreadableResponseError */ .dU(`the agent replied with tool calls only (${[...new Set(calls)].join(', ')}), no text to score; to evaluate an agent that calls tools, add a tool_calls scorer, or evaluate.conversation with the rows' tool_results so the runner answers the calls`);
    }
}


/***/ }),

/***/ 34529:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  ey: () => (/* binding */ resolveFormat)
});

// UNUSED EXPORTS: databricksInvocationsUrl, endpointFormatModules

// EXTERNAL MODULE: ./src/config/evaluate-schema.ts + 1 modules
var evaluate_schema = __webpack_require__(77327);
// EXTERNAL MODULE: ./src/evaluate/post.ts
var post = __webpack_require__(77133);
// EXTERNAL MODULE: ./src/evaluate/formats/steps.ts
var steps = __webpack_require__(48287);
;// CONCATENATED MODULE: ./src/evaluate/formats/requests.ts
/**
 * Request bodies by shape. Chat shapes need a conversation; model-input shapes (MLflow's
 * dataframe_records, dataframe_split, inputs) also take an object of input columns, and send a
 * string as the one column `inputField`. Each request carries one example: one record, one
 * dataframe row, or `inputs` as columns of one value ({question: ["..."]}), which is how an
 * MLflow scoring server reads a batch of one (checked against MLflow 3.17's server).
 */
const chatProblem = 'must be a string, a list of {role, content} messages, or {messages: [...]}';
const recordProblem = 'must be a string, a list of {role, content} messages, {messages: [...]}, or an object of model input columns';
function requestInputProblem(style, input) {
    switch (style) {
        case 'messages':
        case 'input':
            return input.messages ? undefined : chatProblem;
        case 'dataframe_records':
        case 'dataframe_split':
            return record(input, 'input') ? undefined : recordProblem;
        case 'inputs':
            return input.raw === null || input.raw === undefined ? 'must not be empty' : undefined;
    }
}
function requestBody(style, input, settings) {
    switch (style) {
        case 'messages':
            return { messages: conversation(input) };
        case 'input':
            return { input: conversation(input) };
        case 'dataframe_records':
            return { dataframe_records: [requireRecord(input, settings.inputField)] };
        case 'dataframe_split': {
            const row = requireRecord(input, settings.inputField);
            return { dataframe_split: { columns: Object.keys(row), data: [Object.values(row)] } };
        }
        case 'inputs': {
            // MLflow reads an `inputs` object as columns: one value per column is a batch of one row.
            const row = record(input, settings.inputField);
            return { inputs: row ? Object.fromEntries(Object.entries(row).map(([column, value]) => [column, [value]])) : input.raw };
        }
    }
}
function conversation(input) {
    if (input.history)
        return input.history;
    if (!input.messages)
        throw new TypeError(`input ${chatProblem}`);
    return input.messages;
}
/** One row of model input: a string or scalar under `field`, a conversation as `messages`, an object as its columns. */
function record(input, field) {
    const { raw } = input;
    if (typeof raw === 'string' || typeof raw === 'number' || typeof raw === 'boolean')
        return { [field]: raw };
    if (input.messages)
        return { messages: input.messages };
    if (raw !== null && typeof raw === 'object' && !Array.isArray(raw) && Object.keys(raw).length > 0)
        return raw;
    return undefined;
}
function requireRecord(input, field) {
    const row = record(input, field);
    if (!row)
        throw new TypeError(`input ${recordProblem}`);
    return row;
}

// EXTERNAL MODULE: ./src/evaluate/formats/text.ts
var formats_text = __webpack_require__(26389);
;// CONCATENATED MODULE: ./src/evaluate/formats/databricks.ts




/**
 * The invocations URL of a Databricks serving endpoint, or of one served entity behind it (to
 * probe a canary or the stable version directly, whatever the traffic split). The entity is the
 * served entity's `name` in the endpoint config.
 */
function databricksInvocationsUrl(workspaceUrl, endpointName, servedEntity) {
    const base = workspaceUrl.replace(/\/+$/, '');
    const entity = servedEntity === undefined ? '' : `/served-models/${encodeURIComponent(servedEntity)}`;
    return `${base}/serving-endpoints/${encodeURIComponent(endpointName)}${entity}/invocations`;
}
/**
 * Databricks Model Serving invocations: agent and chat endpoints take {messages} (or {input} for
 * a ResponsesAgent), custom models a dataframe or inputs record. The answer may come back in
 * the chat-completions, Responses, ChatAgent or {predictions} shape, whichever the model uses.
 */
const databricks = {
    url: (configured, settings) => {
        const { serving_endpoint: name, served_entity: entity } = settings.endpoint;
        return name === undefined ? configured : databricksInvocationsUrl(configured, name, entity);
    },
    inputProblem: (input, settings) => requestInputProblem(settings.request, input),
    body: (input, settings) => ({ ...requestBody(settings.request, input, settings) }),
    text: (response, settings) => {
        const shaped = (0,formats_text/* chatCompletionText */.mf)(response) ?? (0,formats_text/* responsesText */.MN)(response) ?? (0,formats_text/* chatAgentText */.NX)(response);
        if (shaped !== undefined)
            return shaped;
        const predictions = (0,formats_text/* predictionsOf */.eE)(response);
        if (predictions.found) {
            const read = (0,formats_text/* predictionText */.lL)(predictions.value, settings.endpoint.output_field, 'predictions');
            if ('problem' in read)
                throw new post/* UnreadableResponseError */.dU(`agent response: ${read.problem}`);
            return read.text;
        }
        (0,formats_text/* throwIfError */.w0)(response);
        throw new post/* UnreadableResponseError */.dU(`agent response has no choices, output, messages or predictions to read text from; it is ${(0,formats_text/* describeBody */.MP)(response)} (is evaluate.endpoint.format right?)`);
    },
    steps: steps/* anySteps */.oP,
};

// EXTERNAL MODULE: ./src/errors.ts
var errors = __webpack_require__(83916);
;// CONCATENATED MODULE: ./src/evaluate/formats/mlflow-pyfunc.ts





/**
 * An MLflow model server (`mlflow models serve`, or any pyfunc scoring server): POST
 * /invocations with one record (dataframe_records by default, or dataframe_split, inputs,
 * messages), answer in {predictions: [...]} as a string or an object. A request in an LLM shape
 * (`messages`) is answered with the model's output itself, unwrapped: a served ChatAgent's
 * {messages}, a ChatModel's {choices} (MLflow's scoring server, unwrapped_predictions_to_json).
 */
const mlflowPyfunc = {
    url: (configured) => {
        let url;
        try {
            url = new URL(configured);
        }
        catch {
            throw new errors/* ConfigError */.xL(`evaluate.endpoint.url "${configured}" is not a URL; an MLflow model server is e.g. http://127.0.0.1:5000`);
        }
        // Scoring servers answer on /invocations; a bare host:port means that path.
        if (url.pathname === '/' || url.pathname === '')
            url.pathname = '/invocations';
        return url.toString();
    },
    inputProblem: (input, settings) => requestInputProblem(settings.request, input),
    body: (input, settings) => requestBody(settings.request, input, settings),
    text: (response, settings) => {
        const predictions = (0,formats_text/* predictionsOf */.eE)(response);
        if (!predictions.found)
            (0,formats_text/* throwIfError */.w0)(response);
        const prediction = predictions.found ? predictions.value : unwrappedLlmOutput(response);
        if (prediction === undefined)
            throw new post/* UnreadableResponseError */.dU(`agent response has no predictions; it is ${(0,formats_text/* describeBody */.MP)(response)} (is evaluate.endpoint.format right?)`);
        const read = (0,formats_text/* predictionText */.lL)(prediction, settings.endpoint.output_field, predictions.found ? 'predictions' : 'the answer');
        if ('problem' in read)
            throw new post/* UnreadableResponseError */.dU(`agent response: ${read.problem}`);
        return read.text;
    },
    steps: steps/* anySteps */.oP,
};
function unwrappedLlmOutput(body) {
    if (typeof body !== 'object' || body === null)
        return undefined;
    const { messages, choices, output } = body;
    return [messages, choices, output].some(Array.isArray) ? body : undefined;
}

;// CONCATENATED MODULE: ./src/evaluate/formats/openai-chat.ts




/** OpenAI chat completions: POST {model?, messages}, answer in choices[0].message.content. */
const openaiChat = {
    url: (configured) => configured,
    inputProblem: (input) => requestInputProblem('messages', input),
    body: (input, settings) => ({
        ...(settings.endpoint.model ? { model: settings.endpoint.model } : {}),
        ...requestBody('messages', input, settings),
    }),
    text: (response) => {
        const text = (0,formats_text/* chatCompletionText */.mf)(response);
        if (text !== undefined)
            return text;
        (0,formats_text/* throwIfError */.w0)(response);
        throw new post/* UnreadableResponseError */.dU('agent response has no choices[0].message.content text (is evaluate.endpoint.format right?)');
    },
    steps: (response) => (0,steps/* chatCompletionSteps */.Q7)(response) ?? [],
};

;// CONCATENATED MODULE: ./src/evaluate/formats/responses.ts




/**
 * OpenAI Responses API and MLflow ResponsesAgent: POST {model?, input: [messages]}, answer in the
 * output_text parts of the output's message items.
 */
const responses = {
    url: (configured) => configured,
    inputProblem: (input) => requestInputProblem('input', input),
    body: (input, settings) => ({
        ...(settings.endpoint.model ? { model: settings.endpoint.model } : {}),
        ...requestBody('input', input, settings),
    }),
    text: (response) => {
        const text = (0,formats_text/* responsesText */.MN)(response);
        if (text !== undefined)
            return text;
        (0,formats_text/* throwIfError */.w0)(response);
        const types = (0,formats_text/* responsesItemTypes */.vn)(response);
        throw new post/* UnreadableResponseError */.dU(types.length > 0
            ? `agent response has no output_text in its output (items: ${types.join(', ')})`
            : `agent response has no output[].content[] text of type output_text; it is ${(0,formats_text/* describeBody */.MP)(response)} (is evaluate.endpoint.format right?)`);
    },
    steps: (response) => (0,steps/* responsesSteps */.W5)(response) ?? [],
};

;// CONCATENATED MODULE: ./src/evaluate/formats/index.ts






/** Every endpoint format, by its `evaluate.endpoint.format` name. */
const endpointFormatModules = {
    'openai-chat': openaiChat,
    responses: responses,
    databricks: databricks,
    'mlflow-pyfunc': mlflowPyfunc,
};
/** The format's module and its settings for this endpoint, with the defaults filled in. */
function resolveFormat(endpoint, datasetInputColumn) {
    return {
        module: endpointFormatModules[endpoint.format],
        settings: { endpoint, request: endpoint.request ?? evaluate_schema/* formatRequests */.i_[endpoint.format][0], inputField: endpoint.input_field ?? datasetInputColumn },
    };
}


/***/ }),

/***/ 48287:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   DM: () => (/* binding */ modelOf),
/* harmony export */   Fs: () => (/* binding */ usageOf),
/* harmony export */   Q7: () => (/* binding */ chatCompletionSteps),
/* harmony export */   Ve: () => (/* binding */ toolCallsOf),
/* harmony export */   W5: () => (/* binding */ responsesSteps),
/* harmony export */   lc: () => (/* binding */ pendingCalls),
/* harmony export */   oP: () => (/* binding */ anySteps)
/* harmony export */ });
/* unused harmony exports parseArguments, chatAgentSteps */
/* harmony import */ var _text__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(26389);

function isObject(value) {
    return value !== null && typeof value === 'object' && !Array.isArray(value);
}
/** Parsed from JSON when it is JSON; otherwise the string as sent (the contract's rule). */
function parseArguments(raw) {
    try {
        return JSON.parse(raw);
    }
    catch {
        return raw;
    }
}
function toolCallsOf(steps) {
    return steps.filter((s) => s.kind === 'call').map((s) => ({ name: s.name, arguments: parseArguments(s.arguments) }));
}
/** Calls the response made whose results it does not hold: a client-side agent waits for them. */
function pendingCalls(steps) {
    const answered = new Set(steps.filter((s) => s.kind === 'result').map((s) => s.id));
    return steps.filter((s) => s.kind === 'call' && !answered.has(s.id));
}
function textOf(content) {
    if (typeof content === 'string')
        return content;
    if (!Array.isArray(content))
        return undefined;
    const parts = content.filter(isObject).map((part) => part.text).filter((t) => typeof t === 'string');
    return parts.length > 0 ? parts.join('') : undefined;
}
/** tool_calls of a chat-completions or ChatAgent assistant message. */
function chatCalls(message, position) {
    if (!Array.isArray(message.tool_calls))
        return [];
    return message.tool_calls.filter(isObject).flatMap((call, i) => {
        const fn = isObject(call.function) ? call.function : undefined;
        if (typeof fn?.name !== 'string' || fn.name === '')
            return [];
        const args = typeof fn.arguments === 'string' ? fn.arguments : JSON.stringify(fn.arguments ?? {});
        return [{ kind: 'call', id: typeof call.id === 'string' ? call.id : `${position}-${i}`, name: fn.name, arguments: args }];
    });
}
function chatMessageSteps(message, position) {
    if (message.role === 'tool') {
        const output = textOf(message.content) ?? '';
        return typeof message.tool_call_id === 'string' ? [{ kind: 'result', id: message.tool_call_id, ...(typeof message.name === 'string' ? { name: message.name } : {}), output }] : [];
    }
    if (message.role !== 'assistant')
        return [];
    const text = textOf(message.content);
    return [...(text ? [{ kind: 'text', text }] : []), ...chatCalls(message, position)];
}
/** OpenAI chat completions: the first choice's message. */
function chatCompletionSteps(body) {
    const choice = isObject(body) && Array.isArray(body.choices) ? body.choices[0] : undefined;
    if (!isObject(choice) || !isObject(choice.message))
        return undefined;
    return chatMessageSteps({ role: 'assistant', ...choice.message }, 'call');
}
/** OpenAI Responses / MLflow ResponsesAgent output items. */
function responsesSteps(body) {
    if (!isObject(body) || !Array.isArray(body.output))
        return undefined;
    const steps = [];
    body.output.filter(isObject).forEach((item, i) => {
        if (item.type === 'function_call' && typeof item.name === 'string' && item.name !== '') {
            const id = typeof item.call_id === 'string' ? item.call_id : typeof item.id === 'string' ? item.id : `call-${i}`;
            steps.push({ kind: 'call', id, name: item.name, arguments: typeof item.arguments === 'string' ? item.arguments : JSON.stringify(item.arguments ?? {}) });
        }
        else if (item.type === 'function_call_output' && typeof item.call_id === 'string') {
            steps.push({ kind: 'result', id: item.call_id, output: typeof item.output === 'string' ? item.output : JSON.stringify(item.output) });
        }
        else if ((item.type === undefined || item.type === 'message') && Array.isArray(item.content)) {
            const text = (0,_text__WEBPACK_IMPORTED_MODULE_0__/* .answerText */ .yy)(item.content);
            if (text)
                steps.push({ kind: 'text', text });
        }
    });
    return steps;
}
/** MLflow ChatAgent: every returned message, tool messages included. */
function chatAgentSteps(body) {
    if (!isObject(body) || !Array.isArray(body.messages))
        return undefined;
    return body.messages.filter(isObject).flatMap((m, i) => chatMessageSteps(m, `call-${i}`));
}
/** Whichever of the three shapes the body is; a prediction of one of them is read the same. */
function anySteps(body) {
    const direct = chatCompletionSteps(body) ?? responsesSteps(body) ?? chatAgentSteps(body);
    if (direct)
        return direct;
    const predictions = isObject(body) ? body.predictions : undefined;
    if (Array.isArray(predictions) && predictions.length === 1)
        return anySteps(predictions[0]);
    if (isObject(predictions))
        return anySteps(predictions);
    return [];
}
const count = (value) => (typeof value === 'number' && Number.isInteger(value) && value >= 0 ? value : undefined);
/**
 * The body's `usage` in either naming (prompt/completion or the Responses API's input/output),
 * or undefined when it reports none: an absent count is never read as 0.
 */
function usageOf(body) {
    if (!isObject(body))
        return undefined;
    if (!isObject(body.usage)) {
        const predictions = body.predictions;
        if (Array.isArray(predictions) && predictions.length === 1)
            return usageOf(predictions[0]);
        return isObject(predictions) ? usageOf(predictions) : undefined;
    }
    const u = body.usage;
    const prompt = count(u.prompt_tokens) ?? count(u.input_tokens);
    const completion = count(u.completion_tokens) ?? count(u.output_tokens);
    const total = count(u.total_tokens) ?? (prompt !== undefined && completion !== undefined ? prompt + completion : undefined);
    if (prompt === undefined && completion === undefined && total === undefined)
        return undefined;
    return { ...(prompt !== undefined ? { prompt_tokens: prompt } : {}), ...(completion !== undefined ? { completion_tokens: completion } : {}), ...(total !== undefined ? { total_tokens: total } : {}) };
}
/** The model the response says answered (chat completions and Responses carry one), for the price table. */
function modelOf(body) {
    if (!isObject(body))
        return undefined;
    if (typeof body.model === 'string' && body.model !== '')
        return body.model;
    const predictions = body.predictions;
    return Array.isArray(predictions) && predictions.length === 1 ? modelOf(predictions[0]) : undefined;
}


/***/ })

} })
