// Builds the standalone viewer (src/app) and its workers into dist/.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import HtmlWebpackPlugin from 'html-webpack-plugin';
import { EsbuildPlugin } from 'esbuild-loader';

const here = path.dirname(fileURLToPath(import.meta.url));

export default (_env, argv) => {
  const production = argv.mode !== 'development';
  return {
    mode: production ? 'production' : 'development',
    entry: { main: './src/app/main.ts' },
    output: {
      path: path.resolve(here, 'dist'),
      filename: '[name].[contenthash:8].js',
      chunkFilename: '[name].[contenthash:8].js',
      clean: true,
    },
    devtool: production ? 'source-map' : 'eval-cheap-module-source-map',
    resolve: {
      extensions: ['.ts', '.js'],
      // emscripten codec glue and vtk.js reference node modules they never use in the browser
      fallback: { fs: false, path: false, url: false },
    },
    module: {
      rules: [
        { test: /\.ts$/, loader: 'esbuild-loader', options: { target: 'es2022' } },
        { test: /\.css$/, type: 'asset/source' },
      ],
    },
    optimization: {
      minimizer: [new EsbuildPlugin({ target: 'es2022', css: true })],
    },
    plugins: [new HtmlWebpackPlugin({ template: './src/app/index.html', scriptLoading: 'module' })],
    performance: { hints: false },
    devServer: {
      port: 8080,
      static: [{ directory: process.env.HCC_DEMO_DIR ?? path.resolve(here, 'test-data/.cache/demo'), publicPath: '/demo' }],
    },
  };
};
