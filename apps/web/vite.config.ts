import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const vendorGroups = [
  { name: 'echarts', test: /node_modules[\\/](echarts|zrender)[\\/]/, priority: 30 },
  {
    // antd's runtime every page needs: theme, CSS-in-JS, locale, App/message/modal; components split by route
    name: 'antd-core',
    test: /node_modules[\\/](@ant-design[\\/](cssinjs|cssinjs-utils|colors|fast-color)|antd[\\/]es[\\/](config-provider|theme|_util|style|locale|app|message|modal|notification|button|form|input|grid|layout|menu|dropdown|drawer|spin)|@rc-component[\\/](util|motion|portal|trigger|resize-observer))[\\/]/,
    priority: 20,
  },
  {
    name: 'react',
    test: /node_modules[\\/](react|react-dom|scheduler|react-router|react-router-dom|@tanstack)[\\/]/,
    priority: 15,
  },
];

export default defineConfig({
  plugins: [react()],
  server: {
    port: 5173,
    proxy: { '/api': { target: 'http://127.0.0.1:3000', changeOrigin: false } },
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    chunkSizeWarningLimit: 1200,
    rolldownOptions: {
      output: {
        codeSplitting: { groups: vendorGroups },
      },
    },
  },
});
