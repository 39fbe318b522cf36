// Express 4, the major version Emmett's web API helper (emmett-expressjs 0.42) is built on and its
// sample runs with; the service itself is on Express 5, under the name `express`. The two share
// every call the peer makes, so Express 5's types describe it.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const express = require('express-4') as typeof import('express');

export default express;
