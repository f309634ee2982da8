/* eslint-disable no-undef */
// Build of the add-in bundle, in the manner of Microsoft's Office-Addin-TaskPane template:
// taskpane and commands pages, icons and manifest copied to dist/, a dev server on port 3000.

const path = require("path");
const CopyWebpackPlugin = require("copy-webpack-plugin");
const HtmlWebpackPlugin = require("html-webpack-plugin");

const urlDev = "https://localhost:3000/";
// Where the add-in is hosted in production; the manifest's URLs are rewritten to it when it differs.
const urlProd = process.env.TONGHOP_URL_PROD || "https://localhost:3000/";
const port = Number(process.env.npm_package_config_dev_server_port || 3000);

/**
 * HTTPS options from office-addin-dev-certs (what Office needs to load a local add-in), or null for plain
 * HTTP: on Linux the tool would run sudo to install a CA, and the browser mode of the pane needs no TLS.
 */
async function getHttpsOptions() {
  if (process.env.DEV_SERVER_HTTP === "1") return null;
  if (process.platform !== "win32" && process.platform !== "darwin") return null;
  try {
    const devCerts = require("office-addin-dev-certs");
    const o = await devCerts.getHttpsServerOptions();
    return { ca: o.ca, key: o.key, cert: o.cert };
  } catch (err) {
    console.warn(`Dev certificates unavailable, serving plain HTTP: ${err.message}`);
    return null;
  }
}

module.exports = async (env, options) => {
  const dev = options.mode === "development";
  const https = env && env.WEBPACK_SERVE ? await getHttpsOptions() : null;
  // `--env quick` (the browser tests): no type check (tsc runs on its own) and no source maps, for speed.
  const quick = Boolean(env && env.quick);
  return {
    devtool: quick ? false : "source-map",
    entry: {
      taskpane: "./src/taskpane/taskpane.ts",
      commands: "./src/commands/commands.ts",
    },
    output: {
      path: path.resolve(__dirname, "dist"),
      filename: "[name].js",
      clean: true,
    },
    resolve: {
      extensions: [".ts", ".js"],
      // ExcelJS's package entry is its Node build (streams, zlib); the page gets its self-contained browser build.
      alias: { exceljs$: require.resolve("exceljs/dist/exceljs.min.js") },
      // The engine runs in the page; nothing in it may need Node's built-ins.
      fallback: {
        fs: false,
        path: false,
        os: false,
        crypto: false,
        stream: false,
        zlib: false,
        util: false,
        buffer: false,
        http: false,
        https: false,
        url: false,
        child_process: false,
      },
    },
    module: {
      // The browser build of ExcelJS is one self-contained file: nothing in it for webpack to resolve.
      noParse: /exceljs[\\/]dist[\\/]exceljs\.min\.js$/,
      rules: [
        {
          test: /\.ts$/,
          exclude: /node_modules/,
          use: {
            loader: "ts-loader",
            options: { onlyCompileBundledFiles: true, transpileOnly: quick },
          },
        },
      ],
    },
    plugins: [
      new HtmlWebpackPlugin({
        filename: "taskpane.html",
        template: "./src/taskpane/taskpane.html",
        chunks: ["taskpane"],
      }),
      new HtmlWebpackPlugin({
        filename: "commands.html",
        template: "./src/commands/commands.html",
        chunks: ["commands"],
      }),
      new CopyWebpackPlugin({
        patterns: [
          { from: "src/taskpane/taskpane.css", to: "taskpane.css" },
          { from: "assets/*.png", to: "assets/[name][ext]" },
          {
            from: "manifest*.xml",
            to: "[name][ext]",
            transform(content) {
              return dev ? content : content.toString().split(urlDev).join(urlProd);
            },
          },
        ],
      }),
    ],
    performance: { hints: false },
    devServer: {
      static: { directory: path.resolve(__dirname, "dist") },
      headers: { "Access-Control-Allow-Origin": "*" },
      server: https ? { type: "https", options: https } : { type: "http" },
      port,
    },
  };
};
